/**
 * `bedrock-403 diagnose` in-process through runCli with a fake CliIo, against nock in the AWS wire formats. The
 * bot's credentials come from the SDK default chain (here: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli.js';
import type { Report } from '../../src/report.js';
import { awsErrors, iam, TEST_CREDENTIALS } from '../helpers/aws-mock.js';
import { ACCOUNT, EXTERNAL_ID, KEY, MODEL, mockDiagnosisScenario, USER } from '../helpers/diagnosis-scenario.js';

interface FakeIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

function fakeIo(env: NodeJS.ProcessEnv = { DIAG_EXTERNAL_ID: EXTERNAL_ID, USER: 'ops' }): FakeIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    readStdin: async () => Buffer.alloc(0),
    env,
    isTty: false,
  };
}

beforeEach(() => {
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
});

afterEach(() => {
  nock.cleanAll();
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

const args = ['diagnose', '--account', ACCOUNT, '--key', KEY, '--region', 'us-east-1', '--model', MODEL];

describe('bedrock-403 diagnose', () => {
  it('healthy account: a readable checklist and exit 0', async () => {
    const aws = mockDiagnosisScenario();
    const io = fakeIo();
    const code = await runCli(args, io);
    const out = io.stdout.join('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Bedrock 403 diagnosis: account 111122223333, region us-east-1, key AKIA…/);
    expect(out).toMatch(/Verdict: Key AKIA…\w{4} checks out for Bedrock in us-east-1/);
    expect(out).toMatch(
      /\[PASS\] Diagnostic role\s+Assumed BedrockDiagnosticsRole in 111122223333 as session diag-cli-ops/,
    );
    expect(out.match(/\[PASS\]/g)).toHaveLength(10);
    expect(out).toMatch(/Likely causes: none found\./);
    expect(out).toMatch(/11 checks: 10 pass, 1 skip; took \d+ ms/);
    expect(io.stderr.join('')).toBe('');
    expect(aws.calls.AssumeRole?.requests[0]?.RoleSessionName).toBe('diag-cli-ops');
  });

  it('problems found: the failing check with its evidence and fix, the causes, exit 3', async () => {
    mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: iam.listAccessKeys(USER, [{ id: KEY, status: 'Inactive', createDate: '2026-01-05T00:00:00Z' }]),
      },
    });
    const io = fakeIo();
    const code = await runCli(args, io);
    const out = io.stdout.join('');
    expect(code).toBe(3);
    expect(out).toMatch(/\[FAIL\] Key status\s+Key AKIA…\w{4} of user alice is Inactive/);
    expect(out).toMatch(/ {9}status: Inactive/);
    expect(out).toMatch(/ {9}fix: Otherwise reactivate it: aws iam update-access-key/);
    expect(out).toMatch(/1\. Access key deactivated \(key_inactive, 95%\)/);
  });

  it('--json prints the Report', async () => {
    mockDiagnosisScenario();
    const io = fakeIo();
    const code = await runCli([...args, '--json'], io);
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.join('')) as Report;
    expect(report.target).toEqual({ accountId: ACCOUNT, region: 'us-east-1', accessKeyId: KEY, modelId: MODEL });
    expect(report.checks.map((c) => c.status)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'skip',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(report.causes).toEqual([]);
    expect(typeof report.verdict).toBe('string');
  });

  it('a check that could not run is not "nothing wrong found": exit 3', async () => {
    mockDiagnosisScenario({
      overrides: { GetFoundationModelAvailability: awsErrors.bedrock('AccessDeniedException', 'not authorized', 403) },
    });
    const io = fakeIo();
    expect(await runCli(args, io)).toBe(3);
    expect(io.stdout.join('')).toMatch(
      /\[ERR \] Model access\s+Could not check: the diagnostic role may not call bedrock:GetFoundationModelAvailability/,
    );
  });

  it('the principal alone is enough', async () => {
    mockDiagnosisScenario();
    const io = fakeIo();
    const code = await runCli(
      ['diagnose', '--account', ACCOUNT, '--principal', `arn:aws:iam::${ACCOUNT}:role/app`, '--model', MODEL],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout.join('')).toMatch(/\[SKIP\] Key status\s+No access key id given/);
  });

  it.each([
    [['--account', '1234'], /account id "1234" has 4 digits/],
    [['--account', ACCOUNT, '--key', 'AKIA0000'], /access key id "AKIA0000" has 8 characters/],
    [['--account', ACCOUNT, '--region', 'us-middle-1'], /region "us-middle-1" is not an AWS region this tool knows/],
    [['--account', ACCOUNT, '--model', 'opus'], /model "opus" is not a Bedrock model id/],
  ])('bad input %j: a precise message on stderr, exit 2, no AWS call', async (flags, message) => {
    const io = fakeIo();
    const code = await runCli(['diagnose', ...flags], io);
    expect(code).toBe(2);
    expect(io.stderr.join('')).toMatch(message);
    expect(io.stdout).toEqual([]);
  });

  it('a secret pasted as --key is refused and never printed', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const io = fakeIo();
    const code = await runCli(['diagnose', '--account', ACCOUNT, '--key', secret], io);
    expect(code).toBe(2);
    expect(io.stderr.join('')).toMatch(/looks like a secret access key/);
    expect(io.stderr.join('') + io.stdout.join('')).not.toContain('wJalrXUtnFEMI');
  });

  it('missing --account or DIAG_EXTERNAL_ID: exit 2', async () => {
    const noAccount = fakeIo();
    expect(await runCli(['diagnose'], noAccount)).toBe(2);
    expect(noAccount.stderr.join('')).toMatch(/--account/);
    const noExternalId = fakeIo({});
    expect(await runCli(['diagnose', '--account', ACCOUNT], noExternalId)).toBe(2);
    expect(noExternalId.stderr.join('')).toMatch(/DIAG_EXTERNAL_ID is missing/);
  });

  it('an unexpected failure (stdout closed) is exit 1', async () => {
    mockDiagnosisScenario();
    const io = fakeIo();
    io.out = () => {
      throw new Error('write EPIPE');
    };
    expect(await runCli(args, io)).toBe(1);
    expect(io.stderr.join('')).toMatch(/unexpected failure: write EPIPE/);
  });
  it('--error - triages the pasted error from standard input: the report carries the triage and its denying policy', async () => {
    mockDiagnosisScenario();
    const io = fakeIo();
    const pasted =
      'An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: ' +
      `arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized to perform: bedrock:InvokeModel on resource: ` +
      `arn:aws:bedrock:us-east-1::foundation-model/${MODEL} with an explicit deny in a session policy`;
    io.readStdin = async () => Buffer.from(pasted);
    const code = await runCli([...args, '--error', '-', '--json'], io);
    const report = JSON.parse(io.stdout.join('')) as Report;
    expect(report.triage?.entities.denyingPolicyType).toBe('session');
    expect(report.checks.find((c) => c.id === 'permissions')?.status).toBe('warn');
    expect(code).toBe(3);
  });

  it('--error with an empty file is bad input: exit 2', async () => {
    const io = fakeIo();
    expect(await runCli([...args, '--error', '-'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/standard input is empty/);
  });
});
