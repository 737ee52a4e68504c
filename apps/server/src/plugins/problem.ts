import type { Problem } from '@kabinet/contracts';
import { DomainError, type DomainErrorCode } from '@kabinet/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The one table from domain error codes to HTTP statuses. */
const STATUS_OF: Record<DomainErrorCode, number> = {
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  unavailable: 503,
  insufficient_funds: 409,
  not_available: 409,
  line_blocked: 409,
  same_tariff: 409,
  already_scheduled: 409,
  already_connected: 409,
  not_connected: 409,
  client_key_reused: 409,
  unauthorized: 401,
  invalid_msisdn: 400,
  too_many_requests: 429,
  resend_too_soon: 429,
  wrong_code: 400,
  code_expired: 400,
  wrong_credentials: 401,
  weak_password: 400,
  weak_pin: 400,
  wrong_pin: 401,
  session_ended: 401,
  unlock_required: 401,
  not_recognised: 401,
  amount_out_of_range: 400,
  idempotency_key_reused: 409,
  invalid_signature: 400,
  wrong_voucher_code: 400,
  too_many_attempts: 429,
  not_eligible: 409,
  bill_settled: 409,
  amount_exceeds_outstanding: 409,
};

/** Scalar details a domain error may hand the client as problem extension members. */
const EXTENSION_MEMBERS = ['retryAfterSeconds', 'triesLeft', 'reason', 'min', 'max'] as const;

/** Fastify's own client errors, with the stable codes we promise instead of Fastify's internal ones. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemType(code: string): string {
  return `urn:kabinet:problem:${code}`;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): FastifyReply {
  const body: Problem = {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...extra,
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

function fieldOf(
  error: { instancePath?: string; params?: Record<string, unknown> },
  context?: string,
): string {
  const path = (error.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const missing = error.params?.missingProperty as string | undefined;
  const extra = error.params?.additionalProperty as string | undefined;
  const name = [path, missing ?? extra].filter(Boolean).join('.');
  return [context, name].filter(Boolean).join('.') || (context ?? '');
}

/** Every error leaves the server as RFC 9457 problem+json; 5xx answers never describe internals. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_OF[error.code];
      // A validation failure found by the domain (e.g. a date range) names its fields like schema ones do.
      const errors = error.details?.errors;
      const extra: Record<string, unknown> = Array.isArray(errors) ? { errors } : {};
      for (const member of EXTENSION_MEMBERS) {
        if (error.details?.[member] !== undefined) extra[member] = error.details[member];
      }
      if (typeof extra.retryAfterSeconds === 'number') reply.header('retry-after', extra.retryAfterSeconds);
      return sendProblem(reply, request, status, error.code, error.message, extra as Partial<Problem>);
    }
    if (error.validation) {
      const errors = error.validation.map((v) => ({
        field: fieldOf(v as never, error.validationContext),
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(reply, request, 400, 'validation_failed', 'The request is not valid.', { errors });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code =
        (error.code && FASTIFY_CODES[error.code]) ?? (status === 429 ? 'rate_limited' : 'bad_request');
      return sendProblem(reply, request, status, code, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(
      reply,
      request,
      500,
      'internal_error',
      'Something went wrong on our side. Your data is safe; please try again in a minute.',
    );
  });
}
