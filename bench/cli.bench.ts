/**
 * CLI start-up as a person runs it (`node dist/cli.js`, dist/ built first): wall time of `--help`, of `triage` on
 * one paste from standard input, and the start-up overhead of `diagnose` (every module it needs loaded and the
 * configuration read, up to its first line: here the missing DIAG_EXTERNAL_ID, so no AWS call is made). Node's
 * own start (`node -e 0`) is measured next to them. Median of RUNS after one warm-up (file system cache).
 * Issue 12 goals on this machine: --help <= 150 ms, triage of one paste <= 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist, root } from './build-dist.js';
import { type BenchRow, percentile } from './types.js';

const RUNS = 15;
const TARGET_MS = 150;
const PASTE =
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token ' +
  'included in the request is invalid.';

const probeDir = mkdtempSync(join(tmpdir(), 'bedrock-403-bench-cpu-'));

/** One run: wall time of the whole process, and the CPU time it used (bench/cpu-probe.mjs). */
function run(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): { wall: number; cpu: number } {
  const cpuFile = join(probeDir, 'cpu.json');
  rmSync(cpuFile, { force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', './bench/cpu-probe.mjs', ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BENCH_CPU_FILE: cpuFile, ...env },
  });
  const wall = performance.now() - started;
  if (result.error) throw result.error;
  const cpu = (JSON.parse(readFileSync(cpuFile, 'utf8')) as { cpuMs: number }).cpuMs;
  return { wall, cpu };
}

function median(args: string[], input?: string, env?: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  run(args, input, env);
  const runs = Array.from({ length: RUNS }, () => run(args, input, env));
  return {
    wall: percentile(
      runs.map((r) => r.wall),
      50,
    ),
    cpu: percentile(
      runs.map((r) => r.cpu),
      50,
    ),
  };
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
  rmSync(probeDir, { recursive: true, force: true });
  return [
    { bench: 'cli', metric: `node -e 0 wall (Node's own start, median of ${RUNS})`, value: node.wall, unit: 'ms' },
    { bench: 'cli', metric: 'node -e 0 CPU', value: node.cpu, unit: 'ms' },
    {
      bench: 'cli',
      metric: 'bedrock-403 --help wall',
      value: help.wall,
      unit: 'ms',
      target: `<= ${TARGET_MS}`,
      met: help.wall <= TARGET_MS,
    },
    { bench: 'cli', metric: 'bedrock-403 --help CPU', value: help.cpu, unit: 'ms' },
    {
      bench: 'cli',
      metric: 'bedrock-403 triage (one paste on stdin) wall',
      value: triage.wall,
      unit: 'ms',
      target: `<= ${TARGET_MS}`,
      met: triage.wall <= TARGET_MS,
    },
    { bench: 'cli', metric: 'bedrock-403 triage CPU', value: triage.cpu, unit: 'ms' },
    {
      bench: 'cli',
      metric: 'bedrock-403 diagnose start-up wall (modules + config, to its first line)',
      value: diagnose.wall,
      unit: 'ms',
    },
    { bench: 'cli', metric: 'bedrock-403 diagnose start-up CPU', value: diagnose.cpu, unit: 'ms' },
    { bench: 'cli', metric: 'diagnose start-up wall minus node -e 0', value: diagnose.wall - node.wall, unit: 'ms' },
  ];
}
