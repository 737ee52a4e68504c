export * from './order-types';
export * from './place-order';
export * from './quote-order';
