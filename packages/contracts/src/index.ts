export * from './auth';
export * from './catalog';
export * from './credit';
export * from './lines';
export * from './orders';
export * from './payments';
export * from './problem';
export * from './usage';
