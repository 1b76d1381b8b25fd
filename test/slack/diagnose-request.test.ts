import { describe, expect, it } from 'vitest';
import { openAccountsDirectory } from '../../src/accounts.js';
import { parseCommand } from '../../src/slack/command-parser.js';
import { resolveCommandTarget } from '../../src/slack/diagnose-request.js';
import {
  ACCOUNT,
  configuredAccounts,
  noFinding,
  OTHER_ACCOUNT,
  SECRET_KEY,
  sampleTriage,
  stubTriage,
  UNRECOGNIZED_CLIENT,
} from './helpers/fakes.js';

function diagnose(text: string) {
  const parsed = parseCommand(text, { isKnownAccount: (r) => configuredAccounts().find(r) !== undefined });
  if (parsed.kind !== 'diagnose') throw new Error(`not a diagnose command: ${parsed.kind}`);
  return parsed;
}

describe('resolveCommandTarget', () => {
  it('lets explicit options win over what the text says, and fills the rest from the text', () => {
    const triage = stubTriage(
      sampleTriage({
        entities: { accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', region: 'eu-west-1', modelId: 'amazon.titan-text-express-v1' },
      }),
    );
    const result = resolveCommandTarget(diagnose(`${ACCOUNT} region=us-east-1 ${UNRECOGNIZED_CLIENT}`), 'C1', {
      triage,
      accounts: openAccountsDirectory,
    });
    expect(result).toMatchObject({
      ok: true,
      request: {
        target: {
          accountId: ACCOUNT,
          accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ',
          region: 'us-east-1',
          modelId: 'amazon.titan-text-express-v1',
        },
        secretsFound: false,
      },
    });
    expect(triage.calls[0]).toBe(UNRECOGNIZED_CLIENT);
  });

  it('takes the account from the text, or from the owner decoded from the key id', () => {
    const fromText = resolveCommandTarget(diagnose(UNRECOGNIZED_CLIENT), 'C1', {
      triage: stubTriage(sampleTriage({ entities: { accountId: OTHER_ACCOUNT } })),
      accounts: openAccountsDirectory,
    });
    expect(fromText).toMatchObject({ ok: true, request: { target: { accountId: OTHER_ACCOUNT } } });

    // A modern key id carries its owner (error-taxonomy section 4): AKIASP2TPHJSQH3FJXYZ -> 171436882533.
    const decodable = 'AKIASP2TPHJSQH3FJXYZ';
    const fromKey = resolveCommandTarget(diagnose(`key=${decodable}`), 'C1', {
      triage: stubTriage(() => noFinding),
      accounts: openAccountsDirectory,
    });
    expect(fromKey).toMatchObject({
      ok: true,
      request: { target: { accountId: '171436882533', accessKeyId: decodable } },
    });
  });

  it('asks for the account with usage when nothing names one', () => {
    const result = resolveCommandTarget(diagnose('it says forbidden'), 'C1', {
      triage: stubTriage(),
      accounts: openAccountsDirectory,
    });
    expect(result).toMatchObject({ ok: false, usage: true });
    expect(!result.ok && result.problem).toMatch(/which AWS account/);
  });

  it('applies the accounts file: aliases resolve, unknown accounts and wrong channels are refused', () => {
    const accounts = configuredAccounts();
    const triage = stubTriage();
    expect(resolveCommandTarget(diagnose('prod-apps'), 'C0PROD', { triage, accounts })).toMatchObject({
      ok: true,
      request: { target: { accountId: ACCOUNT }, account: { alias: 'prod-apps' } },
    });
    const wrongChannel = resolveCommandTarget(diagnose('prod-apps'), 'C0OTHER', { triage, accounts });
    expect(wrongChannel).toMatchObject({ ok: false, usage: false });
    expect(!wrongChannel.ok && wrongChannel.problem).toContain('<#C0PROD>');
    const unknown = resolveCommandTarget(diagnose('333333333333'), 'C0PROD', { triage, accounts });
    expect(!unknown.ok && unknown.problem).toMatch(/not in the accounts file/);
  });

  it('flags a pasted secret even when triage misses it, and drops doubtful entity values', () => {
    const result = resolveCommandTarget(diagnose(`${ACCOUNT} aws_secret_access_key=${SECRET_KEY}`), 'C1', {
      triage: stubTriage({ ...noFinding, entities: { region: 'not a region', accessKeyId: 'AKIA-bad' } }),
      accounts: openAccountsDirectory,
    });
    expect(result).toMatchObject({ ok: true, request: { secretsFound: true, target: { accountId: ACCOUNT } } });
    expect(result.ok && result.request.target).toEqual({ accountId: ACCOUNT });
  });
});
