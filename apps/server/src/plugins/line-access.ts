import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import { hasBearer } from './api-keys';
import { sendProblem } from './problem';

/** The line a request under /api/lines/:msisdn acts on, once access to it is proven. */
export interface LineRef {
  id: number;
  accountId: number;
  msisdn: string;
  tariffId: number;
  status: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    line: LineRef;
  }
}

export const LineParams = Type.Object({
  msisdn: Type.String({
    pattern: '^\\+[1-9][0-9]{7,14}$',
    description: 'The line number in E.164, e.g. +79000000001',
  }),
});

/**
 * Every /api/lines/:msisdn route runs this first. Today the operator's back office (OPERATOR_API_KEY)
 * may act on any line; subscriber sessions, limited to their own lines, arrive with sign-in. A line
 * that does not exist and a line the caller may not see answer the same 404.
 */
export function lineAccess(app: AppInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!hasBearer(request, app.deps.config.operatorApiKey)) {
      return sendProblem(reply, request, 401, 'unauthorized', 'Sign in to see this line.');
    }
    const { msisdn } = request.params as { msisdn: string };
    const line = await app.deps.database.db
      .selectFrom('lines')
      .select(['id', 'account_id', 'msisdn', 'tariff_id', 'status'])
      .where('msisdn', '=', msisdn)
      .executeTakeFirst();
    if (!line) return sendProblem(reply, request, 404, 'not_found', 'No such line.');
    request.line = {
      id: line.id,
      accountId: line.account_id,
      msisdn: line.msisdn,
      tariffId: line.tariff_id,
      status: line.status,
    };
  };
}
