/**
 * CLI start-up as a person runs it (`node dist/cli.js`, dist/ built first): wall time of `--help`, of `triage` on
 * one paste from standard input, and the start-up overhead of `diagnose` (every module it needs loaded and the
 * configuration read, up to its first line: here the missing DIAG_EXTERNAL_ID, so no AWS call is made). Node's
 * own start (`node -e 0`) is measured next to them. Median of RUNS after one warm-up (file system cache).
 * Issue 12 goals on this machine: --help <= 150 ms, triage of one paste <= 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { buildDist, root } from './build-dist.js';
import { type BenchRow, percentile } from './types.js';

const RUNS = 15;
const TARGET_MS = 150;
const PASTE =
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token ' +
  'included in the request is invalid.';

function wallMs(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  return ms;
}

function median(args: string[], input?: string, env?: NodeJS.ProcessEnv): number {
  wallMs(args, input, env);
  return percentile(
    Array.from({ length: RUNS }, () => wallMs(args, input, env)),
    50,
  );
}

export default async function cliBench(): Promise<BenchRow[]> {
  buildDist();
  const check = spawnSync(process.execPath, ['dist/cli.js', 'triage', '-'], {
    cwd: root,
    input: PASTE,
    encoding: 'utf8',
  });
  if (check.status !== 3 || !check.stdout.includes('invalid')) {
    throw new Error(`triage of the bench paste did not answer as expected (exit ${check.status}):\n${check.stderr}`);
  }
  const node = median(['-e', '0']);
  const help = median(['dist/cli.js', '--help']);
  const triage = median(['dist/cli.js', 'triage', '-'], PASTE);
  const diagnose = median(['dist/cli.js', 'diagnose', '--account', '111122223333'], undefined, {
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return [
    { bench: 'cli', metric: `node -e 0 (Node's own start, median of ${RUNS})`, value: node, unit: 'ms' },
    {
      bench: 'cli',
      metric: 'bedrock-403 --help wall',
      value: help,
      unit: 'ms',
      target: `<= ${TARGET_MS}`,
      met: help <= TARGET_MS,
    },
    {
      bench: 'cli',
      metric: 'bedrock-403 triage (one paste on stdin) wall',
      value: triage,
      unit: 'ms',
      target: `<= ${TARGET_MS}`,
      met: triage <= TARGET_MS,
    },
    {
      bench: 'cli',
      metric: 'bedrock-403 diagnose start-up (modules + config, to its first line)',
      value: diagnose,
      unit: 'ms',
    },
    { bench: 'cli', metric: 'diagnose start-up minus node -e 0', value: diagnose - node, unit: 'ms' },
  ];
}
