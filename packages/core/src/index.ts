export * from './errors/domain-error';
export * from './money/money';
export * from './time/zoned';
export * from './rating/index';
export * from './charging/index';
