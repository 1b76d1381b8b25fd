/**
 * `bedrock-403 api-keys` and `bedrock-403 diagnose --api-key-from-env`, in-process through runCli against nock in
 * the IAM awsQuery wire format (ListServiceSpecificCredentials with AllUsers and Marker pages,
 * ListAttachedUserPolicies). The API key is read from the environment only, and never printed.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli.js';
import type { ApiKeyInventory } from '../../src/diagnosis/index.js';
import type { Report } from '../../src/report.js';
import { awsErrors, iam, TEST_CREDENTIALS } from '../helpers/aws-mock.js';
import { echoes, makeLongTermKey } from '../helpers/bedrock-api-keys.js';
import { ACCOUNT, EXTERNAL_ID, mockDiagnosisScenario } from '../helpers/diagnosis-scenario.js';

interface FakeIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

function fakeIo(extra: NodeJS.ProcessEnv = {}): FakeIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    readStdin: async () => Buffer.alloc(0),
    env: { DIAG_EXTERNAL_ID: EXTERNAL_ID, USER: 'ops', ...extra },
    isTty: false,
  };
}

const KEY_USER = 'BedrockAPIKey-h42z';
const KEY = makeLongTermKey({ userName: KEY_USER, accountId: ACCOUNT });
const day = 86_400_000;

beforeEach(() => {
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
});

afterEach(() => {
  nock.cleanAll();
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
});

describe('bedrock-403 diagnose --api-key-from-env', () => {
  it('checks the key in AWS_BEARER_TOKEN_BEDROCK; the bot itself still signs with SigV4; the key is never printed', async () => {
    // The same variable in the bot's own environment must not switch the bot's Bedrock clients to the bearer token.
    process.env.AWS_BEARER_TOKEN_BEDROCK = KEY;
    const aws = mockDiagnosisScenario({ userName: KEY_USER });
    const io = fakeIo({ AWS_BEARER_TOKEN_BEDROCK: KEY });
    const code = await runCli(['diagnose', '--account', ACCOUNT, '--api-key-from-env', '--json'], io);
    const out = io.stdout.join('');
    expect(io.stderr.join('')).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Report;
    expect(report.target.apiKey).toEqual({
      type: 'long_term',
      alias: `${KEY_USER}-at-${ACCOUNT}`,
      userName: KEY_USER,
      accountId: ACCOUNT,
      secondary: false,
      consoleUser: true,
    });
    expect(report.checks.find((c) => c.id === 'api_key')?.status).toBe('pass');
    expect(echoes(out, KEY)).toBe(false);
    const bedrockAuth = aws.calls.ListFoundationModels?.headers[0]?.authorization;
    expect(String(bedrockAuth)).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
  });

  it('refuses a missing variable, a value that is no API key, and a key on the command line (without echoing it)', async () => {
    const unset = fakeIo();
    expect(await runCli(['diagnose', '--account', ACCOUNT, '--api-key-from-env'], unset)).toBe(2);
    expect(unset.stderr.join('')).toMatch(/AWS_BEARER_TOKEN_BEDROCK is not set/);
    const wrong = fakeIo({ AWS_BEARER_TOKEN_BEDROCK: 'sk-not-a-bedrock-key' });
    expect(await runCli(['diagnose', '--account', ACCOUNT, '--api-key-from-env'], wrong)).toBe(2);
    expect(wrong.stderr.join('')).toMatch(/does not hold a Bedrock API key/);
    for (const argv of [
      ['diagnose', '--account', ACCOUNT, `--api-key=${KEY}`],
      ['diagnose', '--account', ACCOUNT, '--api-key', KEY],
    ]) {
      const io = fakeIo();
      expect(await runCli(argv, io)).toBe(2);
      const err = io.stderr.join('');
      expect(err).toMatch(/--api-key is refused: other users of this machine can read the command line/);
      expect(echoes(err + io.stdout.join(''), KEY)).toBe(false);
    }
  });
});

describe('bedrock-403 api-keys', () => {
  function mockAccount() {
    const aws = mockDiagnosisScenario({
      overrides: {
        ListServiceSpecificCredentials: (body) =>
          body.Marker === 'page-2'
            ? iam.listServiceSpecificCredentials([
                {
                  userName: 'svc-llm',
                  status: 'Active',
                  alias: `svc-llm-at-${ACCOUNT}`,
                  createDate: new Date(Date.now() - 10 * day),
                  expirationDate: new Date(Date.now() + 20 * day),
                  id: 'ACCAEXAMPLESVCLLM0001',
                },
                {
                  userName: 'old-bot',
                  status: 'Inactive',
                  alias: `old-bot-at-${ACCOUNT}`,
                  createDate: new Date(Date.now() - 200 * day),
                  id: 'ACCAEXAMPLEOLDBOT0001',
                },
              ])
            : iam.listServiceSpecificCredentials(
                [
                  {
                    userName: KEY_USER,
                    status: 'Active',
                    alias: `${KEY_USER}-at-${ACCOUNT}`,
                    createDate: new Date(Date.now() - 120 * day),
                    id: 'ACCAEXAMPLEBEDROCKKEY1',
                  },
                ],
                'page-2',
              ),
      },
    });
    return aws;
  }

  it('lists every key of every page (AllUsers, bedrock only), riskiest first, with console users and policies', async () => {
    const aws = mockAccount();
    const io = fakeIo();
    const code = await runCli(['api-keys', '--account', ACCOUNT], io);
    expect(io.stderr.join('')).toBe('');
    expect(code).toBe(3);
    const out = io.stdout.join('');
    expect(out).toMatch(/^Bedrock API keys in account 111122223333/);
    expect(out).toContain('3 key(s) of 3 user(s): 2 active, 1 inactive, 0 expired; 1 never expire.');
    const rows = out.split('\n').filter((l) => /^(BedrockAPIKey-h42z|svc-llm|old-bot) /.test(l));
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual([KEY_USER, 'svc-llm', 'old-bot']);
    expect(rows[0]).toMatch(
      /never\s+never expires, older than 90 days, AmazonBedrockLimitedAccess attached, console-made user$/,
    );
    expect(rows[2]).toMatch(/Inactive .* inactive, not deleted$/);
    expect(out).toContain(`${KEY_USER}: 1 of 1 key(s) active; arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess`);
    const requests = aws.calls.ListServiceSpecificCredentials?.requests ?? [];
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ AllUsers: 'true', ServiceName: 'bedrock.amazonaws.com', MaxItems: '1000' });
    expect(requests[0]?.UserName).toBeUndefined();
    expect(requests[1]?.Marker).toBe('page-2');
    expect(aws.calls.ListAttachedUserPolicies?.requests.map((r) => r.UserName)).toEqual([KEY_USER]);
  });

  it('--json prints the inventory', async () => {
    mockAccount();
    const io = fakeIo();
    await runCli(['api-keys', '--account', ACCOUNT, '--json'], io);
    const inventory = JSON.parse(io.stdout.join('')) as ApiKeyInventory;
    expect(inventory.counts).toEqual({ total: 3, active: 2, inactive: 1, expired: 0, neverExpiring: 1, users: 3 });
    expect(inventory.keys[0]).toMatchObject({
      userName: KEY_USER,
      credentialId: 'ACCAEXAMPLEBEDROCKKEY1',
      status: 'Active',
    });
    expect(inventory.consoleUsers).toEqual([
      { userName: KEY_USER, keys: 1, activeKeys: 1, policies: ['arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'] },
    ]);
  });

  it('a role without the new permission: says which action to add, exit 1; a bad account id: exit 2', async () => {
    mockDiagnosisScenario({
      overrides: {
        ListServiceSpecificCredentials: awsErrors.iam(
          'AccessDenied',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/BedrockDiagnosticsRole/diag-cli-ops is not authorized to perform: iam:ListServiceSpecificCredentials`,
        ),
      },
    });
    const io = fakeIo();
    expect(await runCli(['api-keys', '--account', ACCOUNT], io)).toBe(1);
    expect(io.stderr.join('')).toMatch(
      /may not call iam:ListServiceSpecificCredentials \(AccessDenied\): update the role from infra\/diagnostic-role.yaml/,
    );
    const bad = fakeIo();
    expect(await runCli(['api-keys', '--account', '12345'], bad)).toBe(2);
    expect(bad.stderr.join('')).toMatch(/has 5 digits/);
  });
});
