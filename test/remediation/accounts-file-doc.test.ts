/** The example in docs/accounts-file.md (the README section) is a valid accounts file and means what it says. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accountsDirectory, parseAccountsYaml } from '../../src/accounts.js';
import { checkRequester } from '../../src/remediation/policy.js';

const doc = readFileSync(new URL('../../docs/accounts-file.md', import.meta.url), 'utf8');
const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

describe('docs/accounts-file.md', () => {
  it('holds a valid example with a remediation-enabled and a diagnosis-only account', () => {
    const entries = parseAccountsYaml(example, 'docs example');
    expect(entries.map((e) => e.alias)).toEqual(['prod-apps', 'sandbox']);
    const directory = accountsDirectory(entries);
    expect(checkRequester(directory, 'prod-apps', 'U0REQUESTR', 'C0123ABCD')).toMatchObject({ ok: true });
    expect(checkRequester(directory, 'sandbox', 'U0REQUESTR', undefined)).toMatchObject({
      ok: false,
      reason: 'no_approvers',
    });
  });

  it('shows an error message in the format the loader really produces', () => {
    const shown = /ACCOUNTS_FILE \.\/accounts\.yml is invalid: (line \d+, accounts\[\d\]\.[\w.]+: .+)/.exec(doc)?.[1];
    expect(shown).toBeDefined();
    const broken = example.replace('users: [U0APPROVER, U0SECOND1]', 'users: [alice]');
    expect(() => parseAccountsYaml(broken)).toThrow(
      /line \d+, accounts\[0\]\.approvers\.users\.0: must be a Slack user id like U0123ABCD/,
    );
  });
});
