export * from './auth';
export * from './call-forwarding';
export * from './catalog';
export * from './lines';
export * from './money-history';
export * from './orders';
export * from './problem';
export * from './usage';
