import { describe, expect, it } from 'vitest';
import type { RemediationRequest, RequestState } from '../../../src/remediation/model.js';
import { decodeKeyActionValue } from '../../../src/slack/action-values.js';
import {
  alreadyOpenMessage,
  approvalMessage,
  describeLastUse,
  requestSentMessage,
  resultMessage,
  slackDate,
} from '../../../src/slack/blocks/approval.js';
import { ACTION } from '../../../src/slack/ids.js';
import { blockViolations } from '../helpers/block-kit-limits.js';

const T0 = Date.parse('2026-11-26T12:00:00Z');

function request(overrides: Partial<RemediationRequest> = {}): RemediationRequest {
  return {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    action: 'rotate',
    state: 'requested',
    accountId: '111111111111',
    accountLabel: 'prod-apps',
    userName: 'bedrock-app',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    region: 'us-east-1',
    key: {
      status: 'Active',
      createDate: '2025-01-15T10:00:00.000Z',
      lastUsed: { date: '2026-11-25T10:45:00.000Z', service: 'bedrock', region: 'us-west-2' },
    },
    requestedBy: 'U0REQUESTR',
    requestedAt: T0,
    expiresAt: T0 + 1_800_000,
    progress: [],
    updatedAt: T0,
    ...overrides,
  };
}

const json = (value: unknown) => JSON.stringify(value);
const APPROVERS = '<@U0APPROVER> or members of <!subteam^S0SECOPS>';

describe('approvalMessage while waiting', () => {
  const message = approvalMessage(request(), APPROVERS);
  const text = json(message.blocks);

  it('names the requester, the account, the user, the key (id only) and its last use', () => {
    for (const needle of [
      '<@U0REQUESTR>',
      'prod-apps',
      '111111111111',
      'bedrock-app',
      'AKIAIOSFODNN7EXAMPLE',
      'bedrock in us-west-2',
      `<!date^${Math.floor(Date.parse('2026-11-25T10:45:00Z') / 1000)}^`,
      'Active, created 2025-01-15',
    ]) {
      expect(text).toContain(needle);
    }
  });

  it('says what will happen, step by step, including what is not done', () => {
    expect(text).toMatch(/Create a new access key/);
    expect(text).toMatch(/Secrets Manager.*bedrock-403\/111111111111\/bedrock-app\//);
    expect(text).toMatch(/Only the secret's ARN is posted here/);
    expect(text).toMatch(/Deactivate `AKIAIOSFODNN7EXAMPLE`.*not deleted/);
    expect(json(approvalMessage(request({ action: 'deactivate' })).blocks)).toMatch(
      /Inactive.*403 InvalidClientTokenId/,
    );
    expect(json(approvalMessage(request({ action: 'delete' })).blocks)).toMatch(/cannot be undone/);
  });

  it('offers Approve and Reject carrying the request id, with a confirmation on Approve', () => {
    const actions = message.blocks.find((b) => b.type === 'actions') as unknown as {
      elements: Record<string, unknown>[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([ACTION.approveRequest, ACTION.rejectRequest]);
    expect(actions.elements.map((e) => e.value)).toEqual([request().id, request().id]);
    expect(actions.elements[0]?.confirm).toBeDefined();
    expect(text).toContain(APPROVERS);
    expect(text).toMatch(/cannot approve their own request/);
  });

  it('stays within Block Kit limits', () => {
    expect(blockViolations(message.blocks)).toEqual([]);
    expect(message.text.length).toBeLessThanOrEqual(4000);
  });
});

describe('approvalMessage after the decision', () => {
  const decided = Math.floor((T0 + 60_000) / 1000);
  const expiry = Math.floor((T0 + 1_800_000) / 1000);
  const states: [RequestState, RegExp][] = [
    ['approved', new RegExp(`Approved\\* by <@U0APPROVER> <!date\\^${decided}\\^.*Running now`)],
    ['rejected', new RegExp(`Rejected\\* by <@U0APPROVER> <!date\\^${decided}\\^.*Nothing was changed`)],
    ['expired', new RegExp(`Expired\\* <!date\\^${expiry}\\^.*without a decision`)],
    ['done', /Done\* \(approved by <@U0APPROVER>/],
    ['failed', /Failed\* \(approved by <@U0APPROVER>/],
  ];
  for (const [state, pattern] of states) {
    it(`${state}: no buttons, says who decided and when`, () => {
      const r = request({ state, decidedBy: state === 'expired' ? undefined : 'U0APPROVER', decidedAt: T0 + 60_000 });
      const m = approvalMessage(r, APPROVERS);
      expect(json(m.blocks)).toMatch(pattern);
      expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
      expect(json(m.blocks)).not.toContain(ACTION.approveRequest);
      expect(blockViolations(m.blocks)).toEqual([]);
    });
  }

  it('gives the status block a new id per state, so Slack redraws it', () => {
    const ids = (['requested', 'approved', 'done'] as const).map(
      (state) => (approvalMessage(request({ state })).blocks[1] as { block_id?: string }).block_id,
    );
    expect(new Set(ids).size).toBe(3);
  });
});

describe('resultMessage', () => {
  it('after a rotation: the secret ARN, the old key state, next steps and a deletion request button', () => {
    const r = request({
      state: 'done',
      decidedBy: 'U0APPROVER',
      decidedAt: T0,
      finishedAt: T0 + 30_000,
      result: {
        newAccessKeyId: 'AKIANEWKEYEXAMPLE234',
        newKeyState: 'Active',
        secretArn:
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:bedrock-403/111111111111/bedrock-app/AKIANEWKEYEXAMPLE234-AbCdEf',
        oldKeyStatus: 'Inactive',
        nextSteps: ['Point the application at the secret.', 'Request deletion later.'],
      },
      progress: [{ step: 'new_key_created', at: T0, detail: 'new key AKIANEWKEYEXAMPLE234 created' }],
    });
    const m = resultMessage(r);
    const text = json(m.blocks);
    expect(text).toContain('arn:aws:secretsmanager:us-east-1:111111111111:secret:bedrock-403/');
    expect(text).toMatch(/secret itself is never shown/);
    expect(text).toMatch(/Old key `AKIAIOSFODNN7EXAMPLE`: \*Inactive\*/);
    expect(text).toMatch(/Next steps.*1\. Point the application/);
    const actions = m.blocks.find((b) => b.type === 'actions') as unknown as {
      elements: { action_id: string; value: string }[];
    };
    expect(actions.elements[0]?.action_id).toBe(ACTION.requestDeleteKey);
    expect(decodeKeyActionValue(actions.elements[0]?.value)).toEqual({
      accountId: '111111111111',
      userName: 'bedrock-app',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      region: 'us-east-1',
    });
    expect(blockViolations(m.blocks)).toEqual([]);
  });

  it('after a failure: what failed and the state left, without a follow-up button', () => {
    const m = resultMessage(
      request({
        state: 'failed',
        failure: 'Storing the new key in Secrets Manager failed: AccessDeniedException. The new key was deleted again.',
        result: { newAccessKeyId: 'AKIANEWKEYEXAMPLE234', newKeyState: 'deleted', oldKeyStatus: 'Active' },
      }),
    );
    const text = json(m.blocks);
    expect(text).toMatch(/failed\.\*/);
    expect(text).toMatch(
      /State now\*: new key `AKIANEWKEYEXAMPLE234`: \*deleted\*; key `AKIAIOSFODNN7EXAMPLE`: \*Active\*/,
    );
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('keeps a huge failure text and many steps within the limits', () => {
    const m = resultMessage(
      request({
        state: 'failed',
        failure: 'x'.repeat(10_000),
        progress: Array.from({ length: 200 }, (_, i) => ({ step: 's', at: T0, detail: `step ${i} ${'y'.repeat(50)}` })),
      }),
    );
    expect(blockViolations(m.blocks)).toEqual([]);
  });
});

describe('untrusted text', () => {
  it('escapes markup in the alias, the user name and AWS text, and scrubs secret-shaped values', () => {
    const r = request({
      accountLabel: '<!channel>',
      state: 'failed',
      failure: 'AWS said <!here> and wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE12',
      key: { lastUsed: { date: '2026-11-25T10:45:00.000Z', service: '<@U1>', region: 'us-west-2' } },
    });
    const all = json([approvalMessage(r).blocks, resultMessage(r).blocks]);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<@U1>');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE12');
  });
});

describe('small helpers', () => {
  it('formats dates for each reader with an ISO fallback', () => {
    expect(slackDate(T0)).toBe(`<!date^${T0 / 1000}^{date_short_pretty} at {time}|2026-11-26T12:00:00Z>`);
  });

  it('describes a key that was never used, and an unknown last use', () => {
    expect(describeLastUse(request({ key: { lastUsed: { service: 'N/A', region: 'N/A' } } }))).toBe('never used');
    expect(describeLastUse(request({ key: {} }))).toBe('unknown');
  });

  it('tells the requester where the request is and who may approve', () => {
    expect(json(requestSentMessage(request(), APPROVERS).blocks)).toMatch(
      /in the thread.*S0SECOPS.*cannot approve it yourself/,
    );
    expect(json(alreadyOpenMessage(request()).blocks)).toMatch(/already has an open request.*<@U0REQUESTR>/);
  });
});
