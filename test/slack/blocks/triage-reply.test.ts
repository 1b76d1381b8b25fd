import { describe, expect, it } from 'vitest';
import { decodeTargetValue } from '../../../src/slack/action-values.js';
import { buildTriageReply } from '../../../src/slack/blocks/triage-reply.js';
import { ACTION } from '../../../src/slack/ids.js';
import { messageViolations } from '../helpers/block-kit-limits.js';
import { ACCOUNT, cause, KEY_ID, noFinding, SECRET_KEY, sampleTriage } from '../helpers/fakes.js';

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string; text?: string }>;
};
const all = (blocks: unknown[]) =>
  (blocks as Block[]).map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' ')).join('\n');

describe('buildTriageReply', () => {
  it('leads with the error and the most likely cause, then each cause with why and numbered fixes', () => {
    const triage = sampleTriage({
      causes: [
        cause(),
        cause({ id: 'session_token_mismatch', confidence: 0.3, title: 'A stale session token was sent' }),
      ],
      findings: ['The key belongs to account 222222222222, not the one you named'],
    });
    const reply = buildTriageReply({ triage });
    expect(messageViolations(reply)).toEqual([]);
    const text = all(reply.blocks);
    expect(text.split('\n')[0]).toMatch(
      /^:mag: \*`UnrecognizedClientException` on InvokeModel \(HTTP 403\)\* — most likely: \*The access key id is not known to AWS\* \(possible, 45%\)/,
    );
    expect(text).toMatch(/\*1\. The access key id is not known to AWS\*/);
    expect(text).toMatch(/\*2\. A stale session token was sent\* \(possible, 30%\)/);
    expect(text).toMatch(/1\. Check the key id for typos/);
    expect(text).toMatch(/What the text shows/);
    expect(text).toMatch(/```aws sts get-caller-identity\naws configure list```/);
    expect(reply.text).toMatch(/most likely The access key id is not known to AWS/);
  });

  it('offers run_diagnosis carrying the target when an account is known, else says how to run it', () => {
    const runTarget = { accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'us-east-1' };
    const reply = buildTriageReply({ triage: sampleTriage(), runTarget, accountAlias: 'prod-apps' });
    const actions = (reply.blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? [];
    expect(actions.map((a) => a.action_id)).toEqual([ACTION.runDiagnosis]);
    expect(decodeTargetValue(actions[0]?.value)).toEqual(runTarget);
    expect(all(reply.blocks)).toContain('*prod-apps* (111111111111)');

    const without = buildTriageReply({ triage: sampleTriage() });
    expect((without.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(without.blocks)).toMatch(/\/bedrock-403 &lt;account-id\|alias&gt;/);

    const refused = buildTriageReply({
      triage: sampleTriage(),
      diagnosisNote: 'Account 111111111111 may only be diagnosed from <#C0PROD>.',
    });
    expect(JSON.stringify(refused.blocks)).toContain('<#C0PROD>');
  });

  it('warns about a pasted secret without repeating it, and an automatic reply says how to turn it off', () => {
    const triage = { ...noFinding, secretsFound: true, entities: { accessKeyId: KEY_ID } };
    const reply = buildTriageReply({ triage, automatic: true });
    const json = JSON.stringify(reply);
    expect(json).toMatch(/looks like an AWS secret access key/);
    expect(json).not.toContain(SECRET_KEY);
    expect(json).toMatch(/autotriage off/);
    expect(reply.text).toMatch(/^Leaked secret warning/);
  });

  it('says so when nothing matched, without inventing a cause', () => {
    const reply = buildTriageReply({ triage: noFinding });
    expect(all(reply.blocks)).toMatch(/could not match this to a known/);
    expect(all(reply.blocks)).not.toMatch(/\*1\./);
  });

  it('does not let entity values inject markup or mentions', () => {
    const reply = buildTriageReply({
      triage: sampleTriage({ entities: { errorCode: '<!channel>', requestId: '`<@U1>`', region: 'x\ny' } }),
    });
    const json = JSON.stringify(reply);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U1>');
  });
});
