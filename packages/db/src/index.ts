export * from './connection';
export { MigrationError, migrateToLatest, migrations, pendingMigrations } from './migrate';
export * from './repositories/catalog-repository';
export * from './repositories/ledger-repository';
export * from './repositories/usage-repository';
export type * from './schema';
export { type BulkSeedOptions, seedSyntheticSubscribers } from './seed/bulk';
export { type DemoSeedOptions, seedDemoIfEmpty } from './seed/demo';
