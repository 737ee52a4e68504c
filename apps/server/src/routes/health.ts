import { Problem } from '@kabinet/contracts';
import { pendingMigrations } from '@kabinet/db';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import { sendProblem } from '../plugins/problem';

const Health = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
});

export function healthRoutes(app: AppInstance): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up and serving',
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and carries every migration this code needs',
        response: { 200: Ready, 503: Problem },
      },
    },
    async (request, reply) => {
      const { database } = app.deps;
      try {
        await sql`select 1`.execute(database.db);
        const pending = await pendingMigrations(database.db);
        if (pending.length > 0) {
          return sendProblem(
            reply,
            request,
            503,
            'not_ready',
            `Database migrations pending: ${pending.join(', ')}`,
          );
        }
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(reply, request, 503, 'not_ready', 'The database does not answer.');
      }
      return { status: 'ready' as const, database: database.engine };
    },
  );
}
