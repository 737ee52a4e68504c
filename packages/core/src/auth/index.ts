export * from './normalise-msisdn';
export * from './password-policy';
export * from './pin-policy';
export * from './sign-in-rules';
