export * from './compute-line-alerts';
export * from './service-cost';
export * from './types';
