/**
 * The design's import rules (.dependency-cruiser.cjs) bite: a small tree that breaks each rule once, next to
 * imports the design allows, is cruised with the project's own configuration; exactly the broken imports are
 * reported, each under its rule. (The real tree is checked by `npm run lint:imports` in .ci/run.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CRUISER = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** path -> source. Every file imports what its name says; `ok-` imports are allowed, `bad-` ones are not. */
const TREE: Record<string, string> = {
  'src/report.ts': 'export type Report = { verdict: string };\n',
  'src/aws-facts/regions.ts':
    "import { ACCOUNT } from './accounts.js';\nexport const REGION = ACCOUNT ? 'us-east-1' : '';\n",
  'src/aws-facts/accounts.ts': "export const ACCOUNT = '111122223333';\n",
  'src/aws-facts/bad-project.ts': "import type { Report } from '../report.js';\nexport type R = Report;\n",
  'src/aws-facts/bad-builtin.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'src/aws/client.ts': "import { STSClient } from '@aws-sdk/client-sts';\nexport const client = STSClient;\n",
  'src/store/types.ts': 'export type Row = { id: string };\n',
  'src/slack/app.ts': "export const app = 'app';\n",
  'src/diagnosis/engine.ts': "import { REGION } from '../aws-facts/regions.js';\nexport const engine = REGION;\n",
  'src/triage/ok-facts.ts': "import { REGION } from '../aws-facts/regions.js';\nexport const r = REGION;\n",
  'src/triage/bad-aws.ts': "import { client } from '../aws/client.js';\nexport const c = client;\n",
  'src/triage/bad-slack.ts': "import { app } from '../slack/app.js';\nexport const a = app;\n",
  'src/triage/bad-store.ts': "import type { Row } from '../store/types.js';\nexport type R = Row;\n",
  'src/triage/bad-diagnosis.ts': "import { engine } from '../diagnosis/engine.js';\nexport const e = engine;\n",
  'src/slack/blocks/ok-report.ts': "import type { Report } from '../../report.js';\nexport type R = Report;\n",
  'src/slack/blocks/bad-store.ts': "import type { Row } from '../../store/types.js';\nexport type R = Row;\n",
  'src/slack/blocks/bad-sdk.ts': "import { STSClient } from '@aws-sdk/client-sts';\nexport const c = STSClient;\n",
  'src/diagnosis/bad-slack.ts': "import { app } from '../slack/app.js';\nexport const a = app;\n",
  'src/remediation/ok-store.ts': "import type { Row } from '../store/types.js';\nexport type R = Row;\n",
  'src/remediation/bad-slack.ts': "import { app } from '../slack/app.js';\nexport const a = app;\n",
  'src/cycle/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'src/cycle/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let dir: string;
let violations: Violation[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'design-rules-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  );
  for (const [path, source] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [CRUISER, 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
      { cwd: dir, encoding: 'utf8' },
    );
  } catch (error) {
    // Violations make the cruiser exit non-zero; the JSON report is still on stdout.
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  violations = (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const brokenBy = (rule: string) =>
  violations
    .filter((v) => v.rule.name === rule)
    .map((v) => `${v.from} -> ${v.to}`)
    .sort();

describe('the import rules of the design', () => {
  it('triage imports nothing of aws, slack, store or diagnosis (aws-facts is allowed)', () => {
    expect(brokenBy('triage-is-pure')).toEqual([
      'src/triage/bad-aws.ts -> src/aws/client.ts',
      'src/triage/bad-diagnosis.ts -> src/diagnosis/engine.ts',
      'src/triage/bad-slack.ts -> src/slack/app.ts',
      'src/triage/bad-store.ts -> src/store/types.ts',
    ]);
  });

  it('slack/blocks import no store and no AWS SDK (the Report is allowed)', () => {
    expect(brokenBy('blocks-render-data')).toEqual([
      'src/slack/blocks/bad-sdk.ts -> @aws-sdk/client-sts',
      'src/slack/blocks/bad-store.ts -> src/store/types.ts',
    ]);
  });

  it('diagnosis and remediation import no Slack', () => {
    expect(brokenBy('diagnosis-knows-no-slack')).toEqual(['src/diagnosis/bad-slack.ts -> src/slack/app.ts']);
    expect(brokenBy('remediation-knows-no-slack')).toEqual(['src/remediation/bad-slack.ts -> src/slack/app.ts']);
  });

  it('aws-facts imports only itself: no project module, no package, no Node built-in', () => {
    expect(brokenBy('aws-facts-stand-alone')).toEqual([
      'src/aws-facts/bad-builtin.ts -> fs',
      'src/aws-facts/bad-project.ts -> src/report.ts',
    ]);
  });

  it('no cycles (a cycle is reported once, at one of its edges)', () => {
    const cycle = brokenBy('no-circular');
    expect(cycle).toHaveLength(1);
    expect(['src/cycle/a.ts -> src/cycle/b.ts', 'src/cycle/b.ts -> src/cycle/a.ts']).toContain(cycle[0]);
  });

  it('reports nothing else: the allowed imports pass', () => {
    const ruled = new Set([
      'triage-is-pure',
      'blocks-render-data',
      'diagnosis-knows-no-slack',
      'remediation-knows-no-slack',
      'aws-facts-stand-alone',
      'no-circular',
    ]);
    // The tree has no node_modules, so the SDK imports are also unresolvable here; nothing else may show up.
    const other = violations.filter((v) => !ruled.has(v.rule.name)).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    expect(other.sort()).toEqual([
      'not-to-unresolvable: src/aws/client.ts -> @aws-sdk/client-sts',
      'not-to-unresolvable: src/slack/blocks/bad-sdk.ts -> @aws-sdk/client-sts',
    ]);
  });
});
