import { describe, expect, it } from 'vitest';
import { decodeModalContext } from '../../../src/slack/action-values.js';
import { buildAccountModal } from '../../../src/slack/blocks/account-modal.js';
import {
  autoTriageStatusMessage,
  errorMessage,
  failureMessage,
  notInChannelMessage,
} from '../../../src/slack/blocks/notices.js';
import { buildParentMessage } from '../../../src/slack/blocks/parent.js';
import { buildUsageMessage } from '../../../src/slack/blocks/usage.js';
import { ACCOUNT_MODAL } from '../../../src/slack/ids.js';
import { messageViolations, modalViolations } from '../helpers/block-kit-limits.js';
import { ACCOUNT, KEY_ID, SECRET_KEY, sampleReport } from '../helpers/fakes.js';

const first = (m: { blocks: unknown[] }) => (m.blocks[0] as { text: { text: string } }).text.text;

describe('parent message', () => {
  it('says who asked for which account, then the verdict once done', () => {
    const running = buildParentMessage({ accountId: ACCOUNT, accountAlias: 'prod-apps', requestedBy: 'U1' });
    expect(first(running)).toBe(':hourglass_flowing_sand: Diagnosing account *prod-apps* (111111111111) for <@U1>…');
    const done = buildParentMessage({ accountId: ACCOUNT, requestedBy: 'U1', report: sampleReport() });
    expect(first(done)).toMatch(/^:x: Diagnosis of account 111111111111 for <@U1>: The access key .* is inactive\.$/);
    const failed = buildParentMessage({ accountId: ACCOUNT, requestedBy: 'U1', failure: 'boom' });
    expect(first(failed)).toMatch(/could not run: boom/);
    for (const m of [running, done, failed]) expect(messageViolations(m)).toEqual([]);
  });
});

describe('usage', () => {
  it('shows the problem first, then usage and examples', () => {
    const message = buildUsageMessage('`region=` is given twice.');
    expect(messageViolations(message)).toEqual([]);
    expect(first(message)).toBe(':warning: `region=` is given twice.');
    expect(JSON.stringify(message.blocks)).toMatch(/autotriage on\|off\|status/);
    expect(JSON.stringify(buildUsageMessage().blocks)).not.toMatch(/:warning:/);
  });
});

describe('account modal', () => {
  it('asks for the account, prefills what the message said, and carries where to answer', () => {
    const ctx = {
      channelId: 'C0PROD',
      threadTs: '1583636382.000300',
      known: { accessKeyId: KEY_ID, region: 'eu-west-1' },
    };
    const view = buildAccountModal({ ctx, aliases: ['prod-apps', 'sandbox'] });
    expect(modalViolations(view as unknown as Record<string, unknown>)).toEqual([]);
    expect(view.callback_id).toBe(ACCOUNT_MODAL.callbackId);
    expect(decodeModalContext(view.private_metadata)).toEqual(ctx);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain(`"initial_value":"${KEY_ID}"`);
    expect(json).toContain('"initial_value":"eu-west-1"');
    expect(json).toMatch(/Known aliases: `prod-apps`, `sandbox`/);
    const account = (view.blocks as Array<{ block_id?: string; optional?: boolean }>).find(
      (b) => b.block_id === ACCOUNT_MODAL.accountBlock,
    );
    expect(account?.optional).toBe(false);
  });
});

describe('notices', () => {
  it('not-in-channel says how to invite the bot and carries the answer', () => {
    const message = notInChannelMessage('U0BOT', buildParentMessage({ accountId: ACCOUNT, requestedBy: 'U1' }));
    expect(messageViolations(message)).toEqual([]);
    expect(first(message)).toMatch(/not a member of this channel.*`\/invite @bedrock-403`.*<@U0BOT>/);
    expect(JSON.stringify(message.blocks)).toMatch(/Diagnosing account/);
  });

  it('errors and failures never carry a secret', () => {
    expect(JSON.stringify(failureMessage('Diagnosis', new Error(`bad ${SECRET_KEY}`)))).not.toContain(SECRET_KEY);
    expect(messageViolations(errorMessage('x'.repeat(10_000)))).toEqual([]);
  });

  it('the auto-triage switch says its state, who changed it and how to change it back', () => {
    expect(first(autoTriageStatusMessage(false, 'U1'))).toMatch(
      /is \*off\* in this channel \(turned off by <@U1>\).*autotriage on/,
    );
    expect(first(autoTriageStatusMessage(true))).toMatch(/is \*on\* in this channel\..*autotriage off/);
  });
});
