export * from './connection';
export { MigrationError, migrateToLatest, migrations, pendingMigrations } from './migrate';
export * from './repositories/catalog-repository';
export type { DB } from './schema';
export { type BulkSeedOptions, seedSyntheticSubscribers } from './seed/bulk';
export { type DemoSeedOptions, seedDemoIfEmpty } from './seed/demo';
