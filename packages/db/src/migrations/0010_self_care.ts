import type { Kysely } from 'kysely';
import { instantType, withId } from './helpers';

/**
 * Self-care settings of a line: call forwarding, one row per condition that is on (a condition that is
 * off has no row), so a line can never hold two numbers for the same condition; and notification
 * preferences, one row per topic the subscriber has chosen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const instant = instantType(db);
  await withId(db, db.schema.createTable('call_forwarding'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('target_msisdn', 'text', (c) => c.notNull())
    .addColumn('no_answer_seconds', 'integer')
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('call_forwarding_line_condition', ['line_id', 'condition'])
    .execute();

  // Notification preferences: a row per topic the line has chosen; topics never set keep their default.
  await withId(db, db.schema.createTable('notification_preferences'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('enabled', 'text', (c) => c.notNull()) // 'on' | 'off' (no booleans: same on both engines)
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('notification_preferences_line_topic', ['line_id', 'topic'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('call_forwarding').execute();
}
