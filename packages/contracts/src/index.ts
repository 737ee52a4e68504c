export * from './catalog';
export * from './problem';
