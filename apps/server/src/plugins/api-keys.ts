import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Configured keys' digests, made once each: one is compared on every network request. */
const expectedDigests = new Map<string, Buffer>();
function digestOfExpected(key: string): Buffer {
  let known = expectedDigests.get(key);
  if (!known) {
    known = digest(key);
    expectedDigests.set(key, known);
  }
  return known;
}

/** Whether the request carries `Authorization: Bearer <expected>`, compared in constant time. */
export function hasBearer(request: FastifyRequest, expected: string | undefined): boolean {
  if (!expected) return false;
  const header = request.headers.authorization ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) return false;
  // Hashing first makes the comparison constant-time whatever the lengths.
  return timingSafeEqual(digest(match[1]!), digestOfExpected(expected));
}

/** A preHandler that admits only callers with the given key (the network or the operator back office). */
export function requireBearer(key: () => string | undefined, who: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (hasBearer(request, key())) return;
    return sendProblem(
      reply,
      request,
      401,
      'unauthorized',
      `This API needs the ${who} key as a Bearer token.`,
    );
  };
}
