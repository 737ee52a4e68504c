import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnServer, startServer } from './support/server-process';

/** The real entry point as a process: start-up refusals and shutdown behaviour. */
describe('the server process', () => {
  it('refuses PORT=abc with one line naming PORT', async () => {
    const server = spawnServer({ PORT: 'abc' });
    expect(await server.exited).toBe(1);
    const lines = server.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
  });

  it('refuses an unreachable DATABASE_URL with one line naming DATABASE_URL', async () => {
    const server = spawnServer({ PORT: '0', DATABASE_URL: 'postgres://kabinet:s3cret@127.0.0.1:1/kabinet' });
    expect(await server.exited).toBe(1);
    const lines = server.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/DATABASE_URL/);
    expect(lines[0]).not.toContain('s3cret');
  });

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const key = 'network-key-for-tests-0123456789';
    const server = await startServer({ NETWORK_API_KEY: key });
    // Send the head of a usage batch and half its body; the server is now busy with it.
    const socket = connect(server.port, '127.0.0.1');
    const body = JSON.stringify({
      events: [
        {
          id: 'in-flight-1',
          msisdn: '+79000000001',
          type: 'sms',
          startedAt: '2026-11-26T10:00:00Z',
          otherParty: '+79161234567',
        },
      ],
    });
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk;
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/network/usage HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body.slice(0, 5));
    await new Promise((r) => setTimeout(r, 300));

    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.child.exitCode).toBeNull(); // still waiting for our request
    socket.write(body.slice(5));
    await closed;

    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"id":"in-flight-1","status":"charged"');
    expect(await server.exited).toBe(0);
    // New connections are refused once it is gone.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
