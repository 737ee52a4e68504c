export * from './charge-usage';
export * from './usage-event';
