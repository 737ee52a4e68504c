export * from './mail-sender';
export * from './sms-sender';
