import { testEngine } from '@kabinet/db/testing';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // A route with a body schema, to show how every validation failure is answered.
  t.app.post(
    '/test/echo',
    {
      schema: {
        body: Type.Object(
          { amount: Type.Integer({ minimum: 1 }), msisdn: Type.String() },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => request.body,
  );
  t.app.get('/test/crash', async () => {
    throw new Error('database password is hunter2');
  });
  await t.app.ready();
});
afterAll(async () => {
  await t?.close();
});

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `urn:kabinet:problem:${code}` });
  expect(typeof body.title).toBe('string');
  return body;
}

describe(`HTTP basics on ${testEngine}`, () => {
  it('answers /healthz and /readyz with the engine in use', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: testEngine });
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const response = await t.app.inject('/no-such-route');
    const body = expectProblem(response, 404, 'not_found');
    expect(body.instance).toBe('/no-such-route');
    expect(body.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers an invalid body with every failing field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { amount: 0, extra: true },
    });
    const body = expectProblem(response, 400, 'validation_failed');
    const fields = (body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['body.amount', 'body.extra', 'body.msisdn']);
  });

  it('answers malformed JSON and a wrong media type as problems', async () => {
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/test/echo',
        payload: '{"amount":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/test/echo',
        payload: 'amount=1',
        headers: { 'content-type': 'text/csv' },
      }),
      415,
      'unsupported_media_type',
    );
  });

  it('hides internals of a 5xx', async () => {
    const response = await t.app.inject('/test/crash');
    const body = expectProblem(response, 500, 'internal_error');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('keeps a sane incoming request id and replaces an odd one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'edge-42.abc' } });
    expect(kept.headers['x-request-id']).toBe('edge-42.abc');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'a b\nc' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the catalogue from the database', async () => {
    const response = await t.app.inject('/api/catalog');
    expect(response.statusCode).toBe(200);
    const catalog = response.json();
    expect(catalog.operator.currency).toBe('RUB');
    expect(catalog.tariffs.map((x: { code: string }) => x.code)).toContain('smart-plus');
  });

  it('publishes an OpenAPI 3.1 document with the routes and their schemas', async () => {
    const doc = (await t.app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/catalog']));
    expect(
      doc.paths['/api/catalog'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('tariffs');
    const docs = await t.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('counts requests by route template in Prometheus text format', async () => {
    await t.app.inject('/api/catalog');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(
      /http_requests_total\{method="GET",route="\/api\/catalog",status_code="200"\} \d+/,
    );
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/catalog"/,
    );
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    expect(metrics.body).toMatch(/route="unmatched",status_code="404"/);
  });
});
