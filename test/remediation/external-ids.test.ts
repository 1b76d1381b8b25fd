/**
 * Two trust levels, two external ids (issue 11, item 5): the bot refuses to start with remediation on and no
 * REMEDIATION_EXTERNAL_ID (or one equal to the diagnostic id), warns in open mode when remediation roles are
 * declared, accepts per-account ids in the accounts file, and never falls back to the diagnostic id.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsDirectory, parseAccountsYaml } from '../../src/accounts.js';
import { startBot } from '../../src/main.js';
import { externalIdProblems, openModeWarning, remediationExternalIdFor } from '../../src/remediation/external-ids.js';
import { freePort } from '../helpers/free-port.js';
import { captureLogLines } from '../helpers/output-capture.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { scriptedEngine } from '../slack/helpers/fakes.js';

let api: FakeSlackApi;
let dir: string;
let accountsFile: string;

beforeAll(async () => {
  api = new FakeSlackApi();
  await api.start();
  dir = mkdtempSync(join(tmpdir(), 'bedrock-403-extid-'));
  accountsFile = join(dir, 'accounts.yml');
  writeFileSync(
    accountsFile,
    'accounts:\n  - id: "111111111111"\n    alias: prod-apps\n    approvers:\n      users: [U0APPROVER]\n  - id: "222222222222"\n',
  );
});
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

function env(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-1111-test-token',
    SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
    SLACK_API_URL: api.apiUrl,
    DIAG_EXTERNAL_ID: 'diag-external-id',
    DATABASE_URL: `sqlite:${join(dir, `bot-${Math.random().toString(36).slice(2)}.db`)}`,
    AWS_REGION: 'us-east-1',
    ...overrides,
  };
}

async function start(base: NodeJS.ProcessEnv) {
  const e = { ...base, PORT: String(await freePort()) };
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      captureLogLines('external ids', chunk.toString());
      done();
    },
  });
  const result = await startBot(e, { engine: () => scriptedEngine(), logDestination: destination });
  if (result.ok) await result.bot.stop();
  return { result, log: lines.join('') };
}

describe('start-up', () => {
  it('remediation on (approvers) without REMEDIATION_EXTERNAL_ID: exit 2 naming it and the account', async () => {
    const { result } = await start(env({ ACCOUNTS_FILE: accountsFile }));
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    expect(result.ok ? '' : result.message).toMatch(
      /REMEDIATION_EXTERNAL_ID is missing: remediation is on \(approvers in ACCOUNTS_FILE\) for prod-apps\./,
    );
  });

  it('REMEDIATION_EXTERNAL_ID equal to DIAG_EXTERNAL_ID: exit 2', async () => {
    const { result } = await start(env({ ACCOUNTS_FILE: accountsFile, REMEDIATION_EXTERNAL_ID: 'diag-external-id' }));
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    expect(result.ok ? '' : result.message).toMatch(/REMEDIATION_EXTERNAL_ID must differ from DIAG_EXTERNAL_ID/);
  });

  it('with its own id: starts, no warning; the ids never reach the log', async () => {
    const { result, log } = await start(
      env({ ACCOUNTS_FILE: accountsFile, REMEDIATION_EXTERNAL_ID: 'remediation-external-id' }),
    );
    expect(result.ok).toBe(true);
    expect(log).not.toMatch(/open mode/);
    expect(log).not.toContain('remediation-external-id');
  });

  it('open mode with remediation roles declared: starts with a warning; without them: no warning', async () => {
    const declared = await start(env({ REMEDIATION_EXTERNAL_ID: 'remediation-external-id' }));
    expect(declared.result.ok).toBe(true);
    expect(declared.log).toMatch(/"level":40.*open mode \(no ACCOUNTS_FILE\) with remediation roles deployed/);
    const byName = await start(env({ REMEDIATION_ROLE_NAME: 'MyRemediationRole' }));
    expect(byName.log).toMatch(/open mode \(no ACCOUNTS_FILE\) with remediation roles deployed/);
    const plain = await start(env());
    expect(plain.result.ok).toBe(true);
    expect(plain.log).not.toMatch(/open mode/);
  });
});

describe('per-account external ids', () => {
  const yaml = `accounts:
  - id: "111111111111"
    approvers: { users: [U0APPROVER] }
    diagExternalId: acct-diag-id-1
    remediationExternalId: acct-remediation-id-1
  - id: "333333333333"
    approvers: { users: [U0APPROVER] }
`;

  it('an entry may set its own ids; the global remediation id covers the others; never the diagnostic one', () => {
    const accounts = accountsDirectory(parseAccountsYaml(yaml));
    const aws = { diagExternalId: 'global-diag', remediationExternalId: 'global-remediation' };
    expect(remediationExternalIdFor(aws, accounts.find('111111111111'))).toBe('acct-remediation-id-1');
    expect(remediationExternalIdFor(aws, accounts.find('333333333333'))).toBe('global-remediation');
    expect(externalIdProblems(aws, accounts)).toEqual([]);
    // No global remediation id: the account without its own is named; the diagnostic id is never used instead.
    expect(remediationExternalIdFor({ diagExternalId: 'global-diag' }, accounts.find('333333333333'))).toBeUndefined();
    expect(externalIdProblems({ diagExternalId: 'global-diag' }, accounts)).toEqual([
      expect.stringMatching(/REMEDIATION_EXTERNAL_ID is missing: .* for 333333333333\./),
    ]);
    // A global remediation id equal to an entry's own diagnostic id is caught too.
    const clash = accountsDirectory(
      parseAccountsYaml(
        'accounts:\n  - id: "333333333333"\n    approvers: { users: [U0A1] }\n    diagExternalId: same-id\n',
      ),
    );
    expect(externalIdProblems({ remediationExternalId: 'same-id' }, clash)).toEqual([
      expect.stringMatching(/remediation external id of 333333333333 equals its diagnostic external id/),
    ]);
  });

  it('the accounts file refuses an entry whose two ids are equal, naming the line', () => {
    expect(() =>
      parseAccountsYaml(
        'accounts:\n  - id: "111111111111"\n    diagExternalId: same-id\n    remediationExternalId: same-id\n',
      ),
    ).toThrow(/accounts\[0\]\.remediationExternalId: remediationExternalId must differ from diagExternalId/);
  });

  it('openModeWarning: only without an accounts file', () => {
    expect(openModeWarning(accountsDirectory([]), { remediationExternalId: 'x1' })).toBeUndefined();
    expect(openModeWarning(accountsDirectory([], false), {})).toBeUndefined();
    expect(openModeWarning(accountsDirectory([], false), { remediationExternalId: 'x1' })).toMatch(/open mode/);
  });
});
