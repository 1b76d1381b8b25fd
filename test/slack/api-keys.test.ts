/**
 * Bedrock API keys in Slack: `api-key=` (decoded at once, the key never kept), `<account> api-keys` (parsed,
 * authorised, acked, the table posted), and the table within Slack's limits for an account with hundreds of keys.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildApiKeyInventory } from '../../src/diagnosis/api-key-inventory.js';
import type { ApiKeyInventory } from '../../src/diagnosis/index.js';
import { decodeApiKeyActionValue } from '../../src/slack/action-values.js';
import { apiKeysMessage } from '../../src/slack/blocks/api-keys.js';
import { buildChecklistMessage } from '../../src/slack/blocks/checklist.js';
import { parseCommand } from '../../src/slack/command-parser.js';
import { completeCommandRequest, decideCommandAccount } from '../../src/slack/diagnose-request.js';
import { ACTION } from '../../src/slack/ids.js';
import { apiKeyOfferFor } from '../../src/slack/key-offer.js';
import { type CommandArgs, createCommandListener } from '../../src/slack/listeners/commands/bedrock-403.js';
import { echoes, makeLongTermKey, makeShortTermKey } from '../helpers/bedrock-api-keys.js';
import { messageViolations } from './helpers/block-kit-limits.js';
import { ACCOUNT, fakeClient, makeDeps, sampleReport, scriptedEngine } from './helpers/fakes.js';

const ctx = { isKnownAccount: () => false };
const LONG = makeLongTermKey({ userName: 'BedrockAPIKey-h42z', accountId: ACCOUNT });
const day = 86_400_000;

function inventoryOf(count: number): ApiKeyInventory {
  const now = Date.UTC(2026, 11, 2);
  const keys = Array.from({ length: count }, (_, i) => ({
    UserName: i % 3 === 0 ? `BedrockAPIKey-${String(i).padStart(4, '0')}` : `service-user-with-a-long-name-${i}`,
    Status: (i % 7 === 0 ? 'Inactive' : 'Active') as 'Active' | 'Inactive',
    ServiceCredentialAlias: `user-${i}-at-${ACCOUNT}`,
    CreateDate: new Date(now - (i % 400) * day),
    ...(i % 2 === 0 ? {} : { ExpirationDate: new Date(now + 30 * day) }),
    ServiceSpecificCredentialId: `ACCA${String(i).padStart(16, '0')}`,
    ServiceName: 'bedrock.amazonaws.com',
  }));
  return buildApiKeyInventory(ACCOUNT, { keys, truncated: false }, new Map(), now);
}

describe('parsing', () => {
  it('api-key= is decoded on the spot: the parsed command holds what the key says, not the key', async () => {
    const parsed = parseCommand(`${ACCOUNT} api-key=${LONG} region=us-east-1`, ctx);
    expect(parsed).toMatchObject({
      kind: 'diagnose',
      accountRef: ACCOUNT,
      options: { region: 'us-east-1' },
      apiKey: { type: 'long_term', userName: 'BedrockAPIKey-h42z', accountId: ACCOUNT },
    });
    expect(echoes(JSON.stringify(parsed), LONG)).toBe(false);
    const short = await makeShortTermKey({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      region: 'eu-west-1',
      signingDate: new Date(),
    });
    expect(parseCommand(`${ACCOUNT} bearer=${short}`, ctx)).toMatchObject({
      apiKey: { type: 'short_term', region: 'eu-west-1' },
    });
  });

  it('refuses an api-key= that is not one, without echoing it; api-keys wants exactly one account', () => {
    const bad = parseCommand(`${ACCOUNT} api-key=sk-proj-abcdefghijklmnop1234567890`, ctx);
    expect(bad.kind).toBe('invalid');
    expect(JSON.stringify(bad)).not.toContain('sk-proj-abcdefghijklmnop1234567890');
    expect(parseCommand(`${ACCOUNT} api-keys`, ctx)).toEqual({ kind: 'api-keys', accountRef: ACCOUNT });
    expect(parseCommand('api-keys prod-apps', ctx)).toEqual({ kind: 'api-keys', accountRef: 'prod-apps' });
    expect(parseCommand('api-keys', ctx)).toMatchObject({
      kind: 'invalid',
      problem: expect.stringMatching(/api-keys/),
    });
    expect(parseCommand(`${ACCOUNT} api-keys region=us-east-1`, ctx).kind).toBe('invalid');
  });

  it('the diagnosis target carries the decoded key, from api-key= or from the pasted text; the ack warns of the leak', () => {
    const deps = {
      triage: (text: string) => ({
        entities: {},
        causes: [],
        secretsFound: text.includes('ABSK'),
        commands: [],
        findings: [],
        truncated: false,
      }),
      accounts: makeDeps().accounts,
    };
    for (const text of [`${ACCOUNT} api-key=${LONG}`, `${ACCOUNT} AWS_BEARER_TOKEN_BEDROCK=${LONG} Forbidden`]) {
      const parsed = parseCommand(text, ctx);
      if (parsed.kind !== 'diagnose') throw new Error('not parsed');
      const decision = decideCommandAccount(parsed, 'C1', deps);
      if (!decision.ok) throw new Error(decision.problem);
      const request = completeCommandRequest(parsed, decision, deps);
      expect(request.target.apiKey).toMatchObject({ type: 'long_term', userName: 'BedrockAPIKey-h42z' });
      expect(request.secretsFound).toBe(true);
      expect(echoes(JSON.stringify(request.target), LONG)).toBe(false);
    }
  });
});

describe('the api-keys table', () => {
  it('stays within Slack limits for 600 keys, riskiest first, and says how many it left out', () => {
    const message = apiKeysMessage(inventoryOf(600), `\`${ACCOUNT}\``);
    expect(messageViolations(message)).toEqual([]);
    const table = message.blocks.find((b) => b.type === 'table') as unknown as { rows: { text: string }[][] };
    expect(table.rows.length).toBeLessThanOrEqual(100);
    expect(table.rows[0]?.map((c) => c.text)).toEqual(['User', 'Credential id', 'Status', 'Age', 'Expires', 'Risks']);
    expect(table.rows[1]?.[4]?.text).toBe('never');
    const shown = table.rows.length - 1;
    expect(JSON.stringify(message.blocks)).toContain(`Showing the ${shown} riskiest of 600 keys`);
    expect(JSON.stringify(message.blocks)).toContain(`bedrock-403 api-keys --account ${ACCOUNT} --json`);
  });

  it('a small account: every key, and an empty one says so', () => {
    const small = apiKeysMessage(inventoryOf(4), 'prod');
    expect(messageViolations(small)).toEqual([]);
    expect(JSON.stringify(small.blocks)).toContain('All 4 keys, riskiest first');
    const none = apiKeysMessage(inventoryOf(0), 'prod');
    expect(messageViolations(none)).toEqual([]);
    expect(JSON.stringify(none.blocks)).toContain('No Bedrock API keys');
  });
});

describe('/bedrock-403 <account> api-keys', () => {
  function commandArgs(text: string) {
    const client = fakeClient();
    const ack = vi.fn(async () => undefined);
    const respond = vi.fn(async () => new Response());
    const command = { channel_id: 'C0CHANNEL1', user_id: 'U0REQUESTR', team_id: 'T1', text, command: '/bedrock-403' };
    return {
      client,
      ack,
      respond,
      args: { command, body: command, ack, respond, client, context: {} } as unknown as CommandArgs,
    };
  }

  it('acks at once, lists through the engine as the requester, posts the table in the channel', async () => {
    const calls: { accountId: string; requestedBy?: string }[] = [];
    const engine = {
      ...scriptedEngine(),
      listApiKeys: async (accountId: string, options?: { requestedBy?: string }) => {
        calls.push({ accountId, requestedBy: options?.requestedBy });
        return inventoryOf(3);
      },
    };
    const deps = makeDeps({ engine });
    const { ack, client, args } = commandArgs(`${ACCOUNT} api-keys`);
    await createCommandListener(deps)(args);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(ack.mock.calls[0])).toMatch(/Listing the Bedrock API keys of account/);
    await deps.tasks.idle();
    expect(calls).toEqual([{ accountId: ACCOUNT, requestedBy: 'U0REQUESTR' }]);
    const post = client.chat.postMessage.mock.calls[0]?.[0] as { channel: string; blocks: unknown[]; text: string };
    expect(post.channel).toBe('C0CHANNEL1');
    expect(post.text).toMatch(/Bedrock API keys in .*: 3 key\(s\)/);
    expect(messageViolations(post)).toEqual([]);
  });

  it('a listing that fails answers the requester privately with why', async () => {
    const engine = {
      ...scriptedEngine(),
      listApiKeys: async () => {
        throw Object.assign(new Error('User: x is not authorized to perform: sts:AssumeRole'), {
          name: 'AccessDenied',
        });
      },
    };
    const deps = makeDeps({ engine });
    const { client, respond, args } = commandArgs(`${ACCOUNT} api-keys`);
    await createCommandListener(deps)(args);
    await deps.tasks.idle();
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(JSON.stringify(respond.mock.calls[0])).toMatch(
      /Could not assume the diagnostic role in account 111111111111/,
    );
  });
});

describe('containment buttons under a report about a long-term key', () => {
  it('an active key: request_deactivate_api_key carrying user and credential id; an inactive one: deletion', () => {
    const base = sampleReport();
    for (const [status, actionId] of [
      ['Active', ACTION.requestDeactivateApiKey],
      ['Inactive', ACTION.requestDeleteApiKey],
      ['Expired', ACTION.requestDeleteApiKey],
    ] as const) {
      const report = {
        ...base,
        apiKeyRecord: { userName: 'BedrockAPIKey-h42z', credentialId: 'ACCAEXAMPLEBEDROCKKEY1', status },
      };
      const offer = apiKeyOfferFor(report);
      const message = buildChecklistMessage({
        target: report.target,
        report,
        ...(offer ? { apiKeyOffer: offer } : {}),
      });
      expect(messageViolations(message)).toEqual([]);
      const buttons = message.blocks.flatMap((b) =>
        b.type === 'actions' ? (b.elements as { action_id?: string; value?: string }[]) : [],
      );
      const button = buttons.find((e) => e.action_id === actionId);
      expect(button, status).toBeDefined();
      expect(decodeApiKeyActionValue(button?.value)).toMatchObject({
        userName: 'BedrockAPIKey-h42z',
        credentialId: 'ACCAEXAMPLEBEDROCKKEY1',
      });
    }
    expect(apiKeyOfferFor(base)).toBeUndefined();
  });
});
