export * from './promised-payment-eligibility';
export * from './voucher-code';
