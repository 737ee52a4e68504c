import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';

/**
 * A fresh clone has no built web app; `npm start` builds it once so one command starts everything.
 * Production images ship the build (`npm run build`) and tests build it themselves, so only development does.
 */
export function ensureWebBuilt(config: Config): void {
  if (config.nodeEnv !== 'development' || existsSync(join(config.webDist, 'index.html'))) return;
  process.stdout.write('Building the web app (first start only)…\n');
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@kabinet/web'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: new URL('../../../', import.meta.url).pathname,
  });
  if (result.status !== 0)
    throw new Error('building the web app failed (see above); run "npm run build" to retry');
}
