/**
 * The accounts file (ACCOUNTS_FILE, DESIGN section 5, contract): which AWS accounts may be diagnosed from which
 * channels, who may request remediation and who approves it. Validated at start; every error names its line and
 * field. Without a file, any account may be diagnosed and remediation is off.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { isAccountId } from './aws-facts/account-ids.js';

export interface AccountEntry {
  id: string;
  alias?: string;
  /** Channels allowed to diagnose it; undefined = any channel. */
  channels?: string[];
  /** Who may request remediation; undefined = whoever may diagnose. */
  requesters?: string[];
  /** Undefined = remediation off for this account. */
  approvers?: { users: string[]; usergroup?: string };
  /** This account's diagnostic role external id; default DIAG_EXTERNAL_ID. */
  diagExternalId?: string;
  /** This account's remediation role external id; default REMEDIATION_EXTERNAL_ID. Never equal to the diagnostic one. */
  remediationExternalId?: string;
  /**
   * Slack workspaces (team ids) other than the one the app is installed in whose users may request and approve
   * remediation for this account from a Slack Connect channel. Absent: only users of the installing workspace.
   */
  externalTeams?: string[];
}

export type DiagnoseDecision = { ok: true; accountId: string; account?: AccountEntry } | { ok: false; reason: string };

export interface AccountsDirectory {
  /** False when no ACCOUNTS_FILE is configured: any account may be diagnosed, remediation is off. */
  readonly configured: boolean;
  readonly accounts: readonly AccountEntry[];
  /** Finds an account by 12-digit id or alias (case-insensitive). */
  find(idOrAlias: string): AccountEntry | undefined;
  /** May this account (id or alias) be diagnosed from this channel? */
  canDiagnose(idOrAlias: string, channelId?: string): DiagnoseDecision;
}

export class AccountsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid accounts file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AccountsFileError';
  }
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;
const SLACK_USERGROUP = /^S[A-Z0-9]{2,}$/;
const SLACK_TEAM = /^[TE][A-Z0-9]{2,}$/;
const externalId = (field: string) =>
  z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, { message: `${field} must be 2-1224 of letters, digits and +=,.@:/-` });

const entrySchema = z
  .object({
    id: z.string({ error: 'id must be a quoted 12-digit string, e.g. "111111111111"' }).refine(isAccountId, {
      message: 'id must be exactly 12 digits (quote it so YAML keeps leading zeros)',
    }),
    alias: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, { message: 'alias must be 1-63 letters, digits, ".", "_" or "-"' })
      .optional(),
    channels: z
      .array(z.string().regex(SLACK_CHANNEL, { message: 'must be a Slack channel id like C0123ABCD' }))
      .optional(),
    requesters: z.array(z.string().regex(SLACK_USER, { message: 'must be a Slack user id like U0123ABCD' })).optional(),
    approvers: z
      .object({
        users: z.array(z.string().regex(SLACK_USER, { message: 'must be a Slack user id like U0123ABCD' })).default([]),
        usergroup: z
          .string()
          .regex(SLACK_USERGROUP, { message: 'must be a Slack user group id like S0123ABCD' })
          .optional(),
      })
      .strict()
      .refine((a) => a.users.length > 0 || a.usergroup !== undefined, {
        message: 'approvers needs at least one of users or usergroup',
      })
      .optional(),
    diagExternalId: externalId('diagExternalId').optional(),
    remediationExternalId: externalId('remediationExternalId').optional(),
    externalTeams: z
      .array(z.string().regex(SLACK_TEAM, { message: 'must be a Slack workspace (team) id like T0123ABCD' }))
      .optional(),
  })
  .strict()
  .refine((e) => e.remediationExternalId === undefined || e.remediationExternalId !== e.diagExternalId, {
    message: 'remediationExternalId must differ from diagExternalId (the remediation role trusts its own id)',
    path: ['remediationExternalId'],
  });

const fileSchema = z.object({ accounts: z.array(z.unknown()) }).strict();

/** Builds a directory from entries (also used by tests). */
export function accountsDirectory(accounts: readonly AccountEntry[], configured = true): AccountsDirectory {
  const byKey = new Map<string, AccountEntry>();
  for (const account of accounts) {
    byKey.set(account.id, account);
    if (account.alias) byKey.set(account.alias.toLowerCase(), account);
  }
  const find = (idOrAlias: string) => byKey.get(idOrAlias.trim().toLowerCase());
  return {
    configured,
    accounts,
    find,
    canDiagnose(idOrAlias, channelId) {
      const wanted = idOrAlias.trim();
      const account = find(wanted);
      if (!account && /^\d+$/.test(wanted) && wanted.length !== 12) {
        // A mistyped account id, not an alias: say what is wrong with it.
        const shown = wanted.length > 20 ? `${wanted.slice(0, 20)}…` : wanted;
        return {
          ok: false,
          reason: `"${shown}" has ${wanted.length} digits; an AWS account id has exactly 12 (keep leading zeros).`,
        };
      }
      if (!configured) {
        if (isAccountId(wanted)) return { ok: true, accountId: wanted };
        return { ok: false, reason: `"${wanted}" is not a 12-digit AWS account id (aliases need an ACCOUNTS_FILE).` };
      }
      if (!account) {
        return {
          ok: false,
          reason:
            `Account "${wanted}" is not in the accounts file. Ask an admin to add it to ACCOUNTS_FILE ` +
            '(an entry with `id: "123456789012"` and optional `alias`, `channels`, `requesters`, `approvers`).',
        };
      }
      if (account.channels && channelId && !account.channels.includes(channelId)) {
        return {
          ok: false,
          reason: `Account ${account.alias ?? account.id} may only be diagnosed from ${account.channels.map((c) => `<#${c}>`).join(', ')}.`,
        };
      }
      return { ok: true, accountId: account.id, account };
    },
  };
}

/** No ACCOUNTS_FILE: any 12-digit account, no remediation. */
export const openAccountsDirectory: AccountsDirectory = accountsDirectory([], false);

/** Parses and validates accounts YAML. Errors name the line and the field. */
export function parseAccountsYaml(source: string, file = 'accounts file'): AccountEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: string[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push(`line ${pos.line}: ${error.message.split('\n')[0]}`);
  }
  if (problems.length > 0) throw new AccountsFileError(file, problems);

  const lineOf = (path: (string | number)[]): number | undefined => {
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
        node = pair?.value ?? pair?.key;
      } else if (isSeq(node)) {
        node = node.items[key as number];
      } else break;
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) line = lineCounter.linePos(range[0]).line;
    }
    return line;
  };

  const top = fileSchema.safeParse(doc.toJS());
  if (!top.success) {
    throw new AccountsFileError(file, [
      'the file must be a map with one key, `accounts:`, holding a list of accounts (see README, "Accounts file")',
    ]);
  }
  const entries: AccountEntry[] = [];
  const seen = new Map<string, number>();
  top.data.accounts.forEach((raw, index) => {
    const result = entrySchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = ['accounts', index, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
        const line = lineOf(path) ?? lineOf(['accounts', index]);
        const field = issue.path.length > 0 ? issue.path.join('.') : '(entry)';
        const message =
          issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
        problems.push(`${line ? `line ${line}, ` : ''}accounts[${index}].${field}: ${message}`);
      }
      return;
    }
    const entry = result.data as AccountEntry;
    for (const key of [entry.id, entry.alias?.toLowerCase()]) {
      if (!key) continue;
      const previous = seen.get(key);
      if (previous !== undefined) {
        problems.push(
          `line ${lineOf(['accounts', index]) ?? '?'}, accounts[${index}]: "${key}" is already used by accounts[${previous}]`,
        );
      }
      seen.set(key, index);
    }
    entries.push(entry);
  });
  if (problems.length > 0) throw new AccountsFileError(file, problems);
  return entries;
}

/** Loads ACCOUNTS_FILE, or the open directory when none is configured. */
export function loadAccounts(path: string | undefined): AccountsDirectory {
  if (!path) return openAccountsDirectory;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AccountsFileError(path, [`cannot read ACCOUNTS_FILE (${code})`]);
  }
  return accountsDirectory(parseAccountsYaml(source, path));
}
