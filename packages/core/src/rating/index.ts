export * from './classify-destination';
export * from './rate-usage';
export * from './types';
