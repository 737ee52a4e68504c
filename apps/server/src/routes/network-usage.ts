import { Problem, UsageBatchRequest, UsageBatchResponse } from '@kabinet/contracts';
import { DomainError } from '@kabinet/core';
import type { AppInstance } from '../app';
import { requireBearer } from '../plugins/api-keys';

export function networkUsageRoutes(app: AppInstance): void {
  app.post(
    '/api/network/usage',
    {
      preHandler: requireBearer(() => app.deps.config.networkApiKey, 'network'),
      schema: {
        tags: ['network'],
        summary: 'Rate and charge usage events from the mobile core',
        description:
          'Up to 1,000 events. Results come back in request order. An event id seen before returns exactly ' +
          'its first result and charges nothing, so a batch may be resent safely after a timeout or a 503. ' +
          'A malformed event is rejected on its own (`invalid`); the rest of the batch is charged.',
        security: [{ networkKey: [] }],
        body: UsageBatchRequest,
        response: { 200: UsageBatchResponse, 400: Problem, 401: Problem, 503: Problem },
      },
    },
    async (request) => {
      try {
        return { results: await app.deps.services.usage.submit(request.body.events) };
      } catch (error) {
        request.log.error({ err: error }, 'charging a usage batch failed');
        throw new DomainError(
          'unavailable',
          'Charging is temporarily unavailable. Nothing from this batch was charged; resend it — event ids make that safe.',
        );
      }
    },
  );
}
