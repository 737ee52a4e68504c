export * from './auth';
export * from './catalog';
export * from './lines';
export * from './money-history';
export * from './orders';
export * from './problem';
export * from './usage';
