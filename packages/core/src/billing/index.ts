export * from './charge-due-fees';
export * from './fee-periods';
