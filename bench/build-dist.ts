/**
 * Benches that run the bot as production does (`node dist/main.js`) build dist/ first, once per bench run, so
 * that they measure the code as it is now. Returns the time the build took.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let built: number | undefined;

export function buildDist(): number {
  if (built !== undefined) return built;
  const started = performance.now();
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  built = performance.now() - started;
  return built;
}

export { root };
