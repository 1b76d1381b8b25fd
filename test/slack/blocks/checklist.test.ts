import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/report.js';
import { decodeKeyActionValue, decodeTargetValue } from '../../../src/slack/action-values.js';
import { buildChecklistMessage } from '../../../src/slack/blocks/checklist.js';
import { ACTION } from '../../../src/slack/ids.js';
import { keyOfferFor } from '../../../src/slack/key-offer.js';
import { messageViolations } from '../helpers/block-kit-limits.js';
import { ACCOUNT, check, KEY_ID, SECRET_KEY, sampleReport } from '../helpers/fakes.js';

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>;
};
const texts = (blocks: unknown[]) => (blocks as Block[]).map((b) => b.text?.text ?? JSON.stringify(b.elements ?? ''));
const actions = (blocks: unknown[]) => (blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? [];

describe('buildChecklistMessage', () => {
  it('puts the verdict first, then one line per check with its emoji, evidence and fix', () => {
    const report = sampleReport();
    const message = buildChecklistMessage({
      target: report.target,
      report,
      requestedBy: 'U1',
      accountAlias: 'prod-apps',
    });
    expect(messageViolations(message)).toEqual([]);
    const lines = texts(message.blocks);
    expect(message.blocks[0]?.type).toBe('header');
    expect(lines[1]).toMatch(/^:x: \*Verdict:\* The access key AKIAIOSFODNN7EXAMPLE of alice is inactive\./);
    const checkLines = lines
      .filter((l) => /^:(white_check_mark|x|warning|fast_forward|grey_question):/.test(l))
      .slice(1);
    expect(checkLines).toHaveLength(3);
    expect(checkLines[2]).toContain(':x: *Key status* — The key is Inactive');
    expect(checkLines[2]).toContain('• user: `alice`');
    expect(checkLines[2]).toMatch(/\*Fix:\*\n\s+1\. Reactivate the key/);
    expect(lines.join('\n')).toContain('requested by <@U1>');
    expect(lines.join('\n')).toMatch(/Most likely causes/);
    expect(message.text).toContain('is inactive');
  });

  it('shows pending checks while running and no buttons until the end', () => {
    const report = sampleReport();
    const message = buildChecklistMessage({ target: report.target, done: report.checks.slice(0, 2) });
    expect(messageViolations(message)).toEqual([]);
    const all = texts(message.blocks).join('\n');
    expect(all).toMatch(/\*Checking…\* 2 of 11 checks done/);
    expect(all.match(/:hourglass_flowing_sand: \*[^*]+\* running…/g)).toHaveLength(9);
    expect(actions(message.blocks)).toEqual([]);
  });

  it('offers re-run with the target, and the key buttons the remediation policy offers for the report’s key', () => {
    const report = sampleReport();
    const offer = keyOfferFor(report);
    const buttons = actions(
      buildChecklistMessage({ target: report.target, report, ...(offer ? { keyOffer: offer } : {}) }).blocks,
    );
    expect(buttons.map((b) => b.action_id)).toEqual([
      ACTION.rerunDiagnosis,
      ACTION.requestRotateKey,
      ACTION.requestDeactivateKey,
    ]);
    expect(decodeTargetValue(buttons[0]?.value)).toEqual(report.target);
    expect(decodeKeyActionValue(buttons[1]?.value)).toEqual({
      accountId: ACCOUNT,
      userName: 'alice',
      accessKeyId: KEY_ID,
      region: 'us-east-1',
    });
    // No offer, no key buttons: the checklist decides nothing on its own, whatever the evidence says.
    expect(actions(buildChecklistMessage({ target: report.target, report }).blocks).map((b) => b.action_id)).toEqual([
      ACTION.rerunDiagnosis,
    ]);
  });

  it('offers no key change for a key without a known IAM user, a temporary key, or no key', () => {
    expect(keyOfferFor(sampleReport({ key: { id: KEY_ID } }))).toBeUndefined();
    expect(keyOfferFor(sampleReport({ key: { id: KEY_ID, userName: 'not a user name!' } }))).toBeUndefined();
    const temp = 'ASIAIOSFODNN7EXAMPLE';
    expect(
      keyOfferFor(
        sampleReport({ target: { accountId: ACCOUNT, accessKeyId: temp }, key: { id: temp, userName: 'alice' } }),
      ),
    ).toBeUndefined();
    const { key: _none, ...noKey } = sampleReport();
    expect(keyOfferFor(noKey)).toBeUndefined();
    // Renaming an evidence label changes nothing: the offer follows report.key only.
    const relabelled = sampleReport({
      checks: [check({ id: 'key_status', evidence: { 'IAM user (renamed)': 'alice' } })],
    });
    expect(keyOfferFor(relabelled)?.actions).toEqual(['rotate', 'deactivate']);
  });

  it('says when the diagnosis could not run, and still offers a re-run', () => {
    const message = buildChecklistMessage({
      target: { accountId: ACCOUNT },
      failure: 'AccessDenied assuming the role',
    });
    expect(texts(message.blocks)[1]).toMatch(/could not run:\* AccessDenied assuming the role/);
    expect(actions(message.blocks).map((b) => b.action_id)).toEqual([ACTION.rerunDiagnosis]);
  });

  it('scrubs secrets and escapes markup from whatever the report holds', () => {
    const report = sampleReport({
      verdict: `<!channel> leaked ${SECRET_KEY}`,
      checks: [check({ summary: `secret_access_key=${SECRET_KEY}`, evidence: { '<@U999>': `<https://evil|x>` } })],
    });
    const json = JSON.stringify(buildChecklistMessage({ target: report.target, report, secretsFound: true }));
    expect(json).not.toContain(SECRET_KEY);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U999>');
    expect(json).toMatch(/looks like an AWS secret access key/);
  });

  it('keeps only 50 blocks with dozens of checks, and keeps the buttons', () => {
    const many: CheckResult[] = Array.from({ length: 120 }, (_, i) => check({ title: `check ${i}` }));
    const report = sampleReport({ checks: many });
    const message = buildChecklistMessage({ target: report.target, report });
    expect(messageViolations(message)).toEqual([]);
    expect(message.blocks.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(message.blocks)).toMatch(/more checks not shown/);
  });
});
