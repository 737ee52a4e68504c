export * from './charge-due-fees';
export * from './compute-bill-totals';
export * from './dunning';
export * from './fee-periods';
