export * from './details-cursor';
export * from './format';
export * from './format-details-csv';
export * from './resolve-details-period';
export * from './types';
