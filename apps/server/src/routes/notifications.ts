import { NotificationPreferences, NotificationPreferencesUpdate, Problem } from '@kabinet/contracts';
import { resolveNotificationPreferences } from '@kabinet/core';
import { readNotificationPreferences, saveNotificationPreferences } from '@kabinet/db';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

/** The line's notification preferences (Settings → Notifications). */
export function notificationRoutes(app: AppInstance): void {
  const preValidation = lineAccess(app);
  const security = [{ operatorKey: [] }];
  const current = async (lineId: number) =>
    resolveNotificationPreferences(await readNotificationPreferences(app.deps.database.db, lineId));

  app.get(
    '/api/lines/:msisdn/notifications',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Which SMS notifications the line receives',
        description:
          'Every topic with its value; topics never set have their default (offers off, the rest on).',
        security,
        params: LineParams,
        response: { 200: NotificationPreferences, 401: Problem, 404: Problem },
      },
    },
    async (request) => current(request.line.id),
  );

  app.put(
    '/api/lines/:msisdn/notifications',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Turn notification topics on or off',
        description: 'Only the topics sent change; the answer is every topic after the change.',
        security,
        params: LineParams,
        body: NotificationPreferencesUpdate,
        response: { 200: NotificationPreferences, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const choices = Object.entries(request.body).map(([topic, enabled]) => ({
        topic,
        enabled: enabled === true,
      }));
      await saveNotificationPreferences(
        app.deps.database.db,
        request.line.id,
        choices,
        new Date().toISOString(),
      );
      return current(request.line.id);
    },
  );
}
