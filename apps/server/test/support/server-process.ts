import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../../../', import.meta.url).pathname;
const main = join(root, 'apps/server/src/main.ts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  /** The embedded database's directory (unless DATABASE_URL was given); removed by stop(). */
  dataDir: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Runs the real server entry point (`node --import tsx apps/server/src/main.ts`) as a child process.
 * Without DATABASE_URL it gets a fresh DATA_DIR, so each process starts on its own embedded database.
 * `nodeFlags` go on node's own command line: some (`--cpu-prof`) are refused in NODE_OPTIONS.
 */
export function spawnServer(
  env: Record<string, string | undefined> = {},
  port?: number,
  nodeFlags: readonly string[] = [],
): ServerProcess {
  const chosenPort = port ?? Number(env.PORT ?? 0);
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'kabinet-server-'));
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', main], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      PORT: String(chosenPort),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    dataDir,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        // A server that does not stop within 10 s is killed, so a test run never hangs on it.
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
      return exited;
    },
  };
}

/** Starts a server and waits until /healthz answers. */
export async function startServer(
  env: Record<string, string | undefined> = {},
  timeoutMs = 60_000,
  nodeFlags: readonly string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  // `{port}` in a value becomes the chosen port (e.g. PUBLIC_URL=http://127.0.0.1:{port}).
  const withPort = Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, value?.replaceAll('{port}', String(port))]),
  );
  const server = spawnServer({ ...withPort, PORT: String(port) }, port, nodeFlags);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`server exited with ${server.child.exitCode}: ${server.stderr()}`);
    }
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop('SIGKILL');
  throw new Error(`server did not become healthy within ${timeoutMs} ms: ${server.stderr()}`);
}
