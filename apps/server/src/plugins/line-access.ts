import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import { hasBearer } from './api-keys';
import { sendProblem } from './problem';
import { hasPageKey, sessionToken } from './session';

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

const E164_PATTERN = '^\\+[1-9][0-9]{7,14}$';
const E164 = new RegExp(E164_PATTERN);

export const LineParams = Type.Object({
  msisdn: Type.String({
    pattern: E164_PATTERN,
    description: 'The line number in E.164, e.g. +79000000001',
  }),
});

/**
 * Every /api/lines/:msisdn route runs this first, as its preValidation hook: access is decided before
 * the body or query is read, so someone else's line answers 404 whatever the request carries. The operator's back office (OPERATOR_API_KEY) may act
 * on any line; a subscriber's session only on the lines it manages (its own, numbers proven by a code,
 * and the lines of an account it owns), and only with the page key. A line that does not exist and a
 * line the caller may not see answer the same 404, so numbers cannot be probed.
 */
export function lineAccess(app: AppInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { msisdn } = request.params as { msisdn: string };
    // Schema validation runs after this hook; the number is the one thing needed here, so check it first.
    if (!E164.test(msisdn)) {
      return sendProblem(
        reply,
        request,
        400,
        'validation_failed',
        'The line number must be in E.164 form, e.g. +79000000001.',
      );
    }
    if (hasBearer(request, app.deps.config.operatorApiKey)) {
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
      return;
    }
    const session = await app.deps.services.auth.resolve(sessionToken(request));
    if (!session) return sendProblem(reply, request, 401, 'unauthorized', 'Sign in to see this line.');
    if (!hasPageKey(request, session)) {
      return sendProblem(reply, request, 401, 'unlock_required', 'Unlock the app on this device first.');
    }
    const [line] = await app.deps.services.auth.linesOf(session, msisdn);
    if (!line) return sendProblem(reply, request, 404, 'not_found', 'No such line.');
    request.session = session;
    request.line = {
      id: line.id,
      accountId: line.accountId,
      msisdn: line.msisdn,
      tariffId: line.tariffId,
      status: line.status,
    };
  };
}
