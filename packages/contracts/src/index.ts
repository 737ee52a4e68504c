export * from './catalog';
export * from './problem';
export * from './usage';
