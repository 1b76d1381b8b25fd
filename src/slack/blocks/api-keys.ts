/**
 * The Bedrock API keys of an account (`/bedrock-403 <account> api-keys`) as one message: counts and findings, then a
 * table block of the riskiest keys that stays within Slack's limits whatever the number of keys (at most 100 rows
 * including the header, 10,000 characters across all cells, one table per message [D] docs.slack.dev table-block,
 * data-table-block), then the console-made users. What does not fit is counted, with the CLI command for all.
 */
import type { types } from '@slack/bolt';
import type { ApiKeyEntry, ApiKeyInventory } from '../../diagnosis/index.js';
import { RISK_TEXT } from '../../diagnosis/index.js';
import {
  context,
  fallbackText,
  fitBlocks,
  header,
  joinWithin,
  LIMITS,
  safe,
  safePlain,
  section,
  truncate,
} from './limits.js';
import type { SlackMessage } from './message.js';

export const TABLE_LIMITS = {
  /** Rows of a table block, header row included. */
  rows: 100,
  cellsPerRow: 20,
  /** Characters across all cells of the table (and of the message). */
  characters: 10_000,
  /** Our own cap per cell, so one long user name cannot eat the budget. */
  cell: 120,
} as const;

const COLUMNS = ['User', 'Credential id', 'Status', 'Age', 'Expires', 'Risks'];

function cell(text: string): types.RawTextElement {
  const clean = safePlain(text) || '-';
  return { type: 'raw_text', text: truncate(clean, TABLE_LIMITS.cell, '…') };
}

function rowOf(k: ApiKeyEntry): types.RawTextElement[] {
  return [
    cell(k.userName),
    cell(k.credentialId),
    cell(k.status),
    cell(k.ageDays === undefined ? '?' : `${k.ageDays} d`),
    cell(k.expiresAt?.slice(0, 10) ?? 'never'),
    cell(k.risks.map((r) => RISK_TEXT[r]).join(', ') || '-'),
  ];
}

function rowLength(row: types.RawTextElement[]): number {
  return row.reduce((sum, c) => sum + c.text.length, 0);
}

/** The header row and as many key rows as fit (riskiest first: the inventory is sorted). */
export function keyTable(keys: readonly ApiKeyEntry[]): { block: types.TableBlock; shown: number } {
  const rows: types.RawTextElement[][] = [COLUMNS.map((c) => cell(c))];
  let used = rowLength(rows[0] ?? []);
  for (const key of keys) {
    if (rows.length >= TABLE_LIMITS.rows) break;
    const row = rowOf(key);
    const length = rowLength(row);
    if (used + length > TABLE_LIMITS.characters) break;
    rows.push(row);
    used += length;
  }
  return {
    block: {
      type: 'table',
      rows,
      column_settings: [{ is_wrapped: true }, {}, {}, { align: 'right' }, {}, { is_wrapped: true }],
    },
    shown: rows.length - 1,
  };
}

export function apiKeysMessage(inventory: ApiKeyInventory, accountLabel: string): SlackMessage {
  const { counts } = inventory;
  const blocks: types.KnownBlock[] = [header(`Bedrock API keys in ${accountLabel}`)];
  const summary =
    counts.total === 0
      ? 'No Bedrock API keys (long-term, IAM service-specific credentials) in this account.'
      : `*${counts.total}* key(s) of ${counts.users} user(s): ${counts.active} active, ${counts.inactive} inactive, ` +
        `${counts.expired} expired; *${counts.neverExpiring} never expire*.`;
  blocks.push(section(summary));
  if (inventory.findings.length > 0) {
    blocks.push(
      section(
        joinWithin(
          inventory.findings.map((f) => `• ${safe(f)}`),
          LIMITS.sectionText,
        ),
      ),
    );
  }
  if (inventory.keys.length > 0) {
    const table = keyTable(inventory.keys);
    blocks.push(table.block as unknown as types.KnownBlock);
    const rest = inventory.keys.length - table.shown;
    blocks.push(
      context(
        rest > 0
          ? `Showing the ${table.shown} riskiest of ${inventory.keys.length} keys. All of them: \`bedrock-403 api-keys --account ${inventory.accountId} --json\``
          : `All ${inventory.keys.length} keys, riskiest first. Short-term keys are not listed: IAM keeps no record of them.`,
      ),
    );
  }
  if (inventory.consoleUsers.length > 0) {
    const lines = inventory.consoleUsers.map((u) => {
      const policies = u.policies
        ? u.policies.length > 0
          ? u.policies.map((p) => `\`${safe(p.replace(/^arn:aws[a-z-]*:iam::aws:policy\//, ''))}\``).join(', ')
          : 'no attached policies'
        : 'policies not read';
      return `• \`${safe(u.userName)}\`: ${u.activeKeys} of ${u.keys} key(s) active; ${policies}`;
    });
    blocks.push(section(`*Console-made users (BedrockAPIKey-\\*)*\n${joinWithin(lines, LIMITS.sectionText - 60)}`));
  }
  blocks.push(context(`_Listed ${inventory.listedAt} through the read-only diagnostic role._`));
  return {
    text: fallbackText(
      `Bedrock API keys in ${accountLabel}: ${counts.total} key(s), ${counts.neverExpiring} never expire`,
    ),
    blocks: fitBlocks(blocks),
  };
}
