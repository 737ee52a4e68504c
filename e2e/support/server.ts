/**
 * Starts the real Kabinet server for browser journeys: a fresh data directory (embedded SQLite with
 * the demo catalogue seeded on first start), a free port, and a clean stop. Reused by every journey.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer as startServerProcess } from '../../apps/server/test/support/server-process';

export const repoRoot = resolve(import.meta.dirname, '../..');
const webDist = join(repoRoot, 'apps/web/dist/index.html');
const webSources = ['apps/web/src', 'apps/web/public', 'apps/web/index.html', 'apps/web/vite.config.ts'].map(
  (p) => join(repoRoot, p),
);

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** The last lines the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/**
 * Builds the web app (the server serves apps/web/dist at /) when it is missing or older than its
 * sources, so the journeys never test a stale build. E2E_SKIP_BUILD=1 uses whatever dist there is.
 */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(webDist)) {
    if (process.env.E2E_SKIP_BUILD) return;
    const built = statSync(webDist).mtimeMs;
    if (Math.max(...webSources.map(newestChange)) <= built) return;
  }
  await promisify(execFile)('npm', ['run', 'build', '-w', '@kabinet/web'], {
    cwd: repoRoot,
    // Vitest sets NODE_ENV=test, and Vite would then build a development bundle (React's development
    // build, no service worker): the journeys must test what ships.
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/**
 * The real server process on a free port and a fresh embedded database (see server-process.ts). Its
 * PUBLIC_URL is the address the browser uses, since the payment page sends the payer back there and
 * the session cookie belongs to that origin.
 */
export async function startServer(
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const env = { PUBLIC_URL: 'http://127.0.0.1:{port}', ...options.env };
  const server = await startServerProcess(env, options.timeoutMs ?? 60_000);
  return {
    url: server.url,
    dataDir: server.dataDir,
    output: () => `${server.stdout()}${server.stderr()}`.slice(-20_000),
    async stop() {
      await server.stop();
    },
  };
}
