import { CallForwarding, CallForwardingRequest, Problem } from '@kabinet/contracts';
import { decideCallForwarding, forwardingConditions } from '@kabinet/core';
import { readCallForwarding, replaceCallForwarding } from '@kabinet/db';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

/** Call forwarding of a line (unconditional, busy, no answer, unreachable), read and saved as a whole. */
export function callForwardingRoutes(app: AppInstance): void {
  const preValidation = lineAccess(app);
  const security = [{ operatorKey: [] }];

  async function current(lineId: number): Promise<CallForwarding> {
    const rows = await readCallForwarding(app.deps.database.db, lineId);
    const answer: CallForwarding = {
      unconditional: null,
      busy: null,
      no_answer: null,
      unreachable: null,
      updatedAt: null,
    };
    for (const condition of forwardingConditions) {
      const row = rows.find((r) => r.condition === condition);
      if (row) answer[condition] = { number: row.number, noAnswerSeconds: row.noAnswerSeconds };
    }
    answer.updatedAt =
      rows
        .map((r) => r.updatedAt)
        .sort()
        .at(-1) ?? null;
    return answer;
  }

  app.get(
    '/api/lines/:msisdn/call-forwarding',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Call forwarding of the line',
        description: 'Each condition with its number, or null when it is off.',
        security,
        params: LineParams,
        response: { 200: CallForwarding, 401: Problem, 404: Problem },
      },
    },
    async (request) => current(request.line.id),
  );

  app.put(
    '/api/lines/:msisdn/call-forwarding',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Save the call forwarding of the line',
        description:
          'Replaces the whole setting: a condition absent or null is turned off. Numbers are checked and ' +
          'answered in E.164; forwarding to the line itself or a ringing time other than 5–30 s in steps ' +
          'of 5 is 400 `validation_failed` with `errors[].field`, and nothing changes.',
        security,
        params: LineParams,
        body: CallForwardingRequest,
        response: { 200: CallForwarding, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const rules = decideCallForwarding(request.line.msisdn, request.body, app.deps.config.homeCountry);
      await replaceCallForwarding(app.deps.database.db, request.line.id, rules, new Date().toISOString());
      return current(request.line.id);
    },
  );
}
