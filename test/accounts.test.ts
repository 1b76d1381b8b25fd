import { describe, expect, it } from 'vitest';
import { AccountsFileError, accountsDirectory, openAccountsDirectory, parseAccountsYaml } from '../src/accounts.js';

const GOOD = `accounts:
  - id: "111111111111"
    alias: prod-apps
    channels: [C0123ABCD]
    requesters: [U0REQUESTR]
    approvers:
      users: [U0APPROVER]
      usergroup: S0SECOPS
  - id: "222222222222"
`;

function problems(source: string): string[] {
  try {
    parseAccountsYaml(source, 'accounts.yml');
  } catch (error) {
    if (error instanceof AccountsFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('accounts file', () => {
  it('parses the documented format', () => {
    const entries = parseAccountsYaml(GOOD);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ id: '111111111111', alias: 'prod-apps', approvers: { usergroup: 'S0SECOPS' } });
  });

  it('names the line and field of each problem', () => {
    const found = problems(`accounts:
  - id: 111111111111
    alias: prod apps
  - id: "222222222222"
    approvers: {}
    colour: blue
`);
    expect(found.join('\n')).toMatch(/line 2, accounts\[0\]\.id: id must be a quoted 12-digit string/);
    expect(found.join('\n')).toMatch(/line 3, accounts\[0\]\.alias/);
    expect(found.join('\n')).toMatch(/accounts\[1\]\.approvers: approvers needs at least one/);
    expect(found.join('\n')).toMatch(/accounts\[1\]\.\(entry\): unknown field\(s\) colour/);
  });

  it('rejects broken YAML, a wrong top level and duplicate ids', () => {
    expect(problems('accounts: [\n')[0]).toMatch(/^line \d+:/);
    expect(problems('- id: "111111111111"\n')[0]).toMatch(/one key, `accounts:`/);
    expect(problems('accounts:\n  - id: "111111111111"\n  - id: "111111111111"\n')[0]).toMatch(/already used/);
  });

  it('resolves ids and aliases and enforces channels', () => {
    const dir = accountsDirectory(parseAccountsYaml(GOOD));
    expect(dir.canDiagnose('PROD-APPS', 'C0123ABCD')).toMatchObject({ ok: true, accountId: '111111111111' });
    expect(dir.canDiagnose('prod-apps', 'C0OTHER00')).toMatchObject({ ok: false });
    expect(dir.canDiagnose('222222222222', 'C0OTHER00')).toMatchObject({ ok: true });
    const unknown = dir.canDiagnose('333333333333');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.reason).toContain('ACCOUNTS_FILE');
  });

  it('says how many digits a mistyped account id has, with or without a file', () => {
    for (const dir of [accountsDirectory(parseAccountsYaml(GOOD)), openAccountsDirectory]) {
      expect(dir.canDiagnose('11112222333')).toEqual({
        ok: false,
        reason: '"11112222333" has 11 digits; an AWS account id has exactly 12 (keep leading zeros).',
      });
      const long = dir.canDiagnose('1'.repeat(3000));
      expect(long.ok).toBe(false);
      if (!long.ok) expect(long.reason).toMatch(/^"1{20}…" has 3000 digits/);
    }
  });

  it('without a file allows any 12-digit account but no alias', () => {
    expect(openAccountsDirectory.canDiagnose('123456789012')).toEqual({ ok: true, accountId: '123456789012' });
    expect(openAccountsDirectory.canDiagnose('prod').ok).toBe(false);
  });
});
