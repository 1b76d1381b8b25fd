/**
 * Pasted output of the client-side commands triage asks people to run: `aws configure list`,
 * `aws sts get-caller-identity` (JSON, table, text), `env | grep AWS_` (also `export`, PowerShell `$env:`, `set`),
 * `~/.aws/credentials` sections and `aws iam list-access-keys`. Read line by line from the secret-scrubbed text, so
 * a value is only ever "present", "masked" or a non-secret id.
 */

import { SIGV4_KEY_ID_PATTERN } from '../aws-facts/access-key-ids.js';
import { ACCOUNT_ID_PATTERN, isAccountId } from '../aws-facts/account-ids.js';

export interface ConfigureListRow {
  value: string;
  type: string;
  location: string;
}

export interface ConfigureList {
  profile?: ConfigureListRow;
  accessKey?: ConfigureListRow;
  secretKey?: ConfigureListRow;
  region?: ConfigureListRow;
}

export interface CallerIdentity {
  account?: string;
  arn?: string;
  userId?: string;
}

export interface CredentialVars {
  /** Variable or key name (upper-cased) -> value as pasted (scrubbed; may be masked or [REDACTED]). */
  vars: Map<string, string>;
  /** True when the variables come from a listing (env dump, credentials file section), not from prose. */
  listing: boolean;
}

export interface AccessKeyStatus {
  accessKeyId: string;
  status: string;
  userName?: string;
}

export interface ToolOutputs {
  configureList?: ConfigureList;
  callerIdentity?: CallerIdentity;
  credentials: CredentialVars;
  keyStatuses: AccessKeyStatus[];
}

const CONFIGURE_ROW =
  /^[ \t]{0,12}(profile|access_key|secret_key|region)[ \t]{1,40}(<not set>|\S{1,200})[ \t]{1,40}(\S{1,40})(?:[ \t]{1,40}(\S[^\n]{0,300}?))?[ \t]{0,40}$/gm;
const CONFIGURE_TYPES = new Set([
  'None',
  'env',
  'manual',
  'shared-credentials-file',
  'config-file',
  'iam-role',
  'container-role',
  'sso',
  'assume-role',
  'process',
  'custom-process',
  'web-identity',
  'imds',
  'sso-session',
]);

export function parseConfigureList(text: string): ConfigureList | undefined {
  if (!/\baccess_key[ \t]/.test(text) && !/^[ \t]*profile[ \t]/m.test(text)) return undefined;
  const out: ConfigureList = {};
  let rows = 0;
  for (const match of text.matchAll(CONFIGURE_ROW)) {
    const [, name, value = '', type = '', location = ''] = match;
    // The header line `Name Value Type Location` and prose like "profile is set" do not count.
    if (!CONFIGURE_TYPES.has(type)) continue;
    const row = { value, type, location: location.trim() };
    if (name === 'profile') out.profile = row;
    if (name === 'access_key') out.accessKey = row;
    if (name === 'secret_key') out.secretKey = row;
    if (name === 'region') out.region = row;
    rows++;
  }
  // A real table has the access_key row and at least one more.
  return rows >= 2 && out.accessKey ? out : undefined;
}

const JSON_FIELD = (name: string) => new RegExp(`["']?${name}["']?[ \\t]{0,4}[:=][ \\t]{0,4}["']([^"'\\n]{1,300})["']`);
const TABLE_FIELD = (name: string) => new RegExp(`\\|[ \\t]{0,8}${name}[ \\t]{0,8}\\|[ \\t]{0,8}([^|\\s]{1,300})`);

/** `aws sts get-caller-identity --output text`: ACCOUNT<TAB>ARN<TAB>USERID on one line. */
const CALLER_IDENTITY_TEXT_LINE = new RegExp(
  `^(${ACCOUNT_ID_PATTERN})\\t(arn:aws[a-z-]{0,12}:(?:iam|sts)::${ACCOUNT_ID_PATTERN}:\\S{1,300})\\t(\\S{1,200})$`,
  'm',
);

export function parseCallerIdentity(text: string): CallerIdentity | undefined {
  const json = {
    userId: JSON_FIELD('UserId').exec(text)?.[1],
    account: JSON_FIELD('Account').exec(text)?.[1],
    arn: JSON_FIELD('Arn').exec(text)?.[1],
  };
  if (json.account && json.arn && isAccountId(json.account)) return json;
  if (/GetCallerIdentity[ \t]{0,80}\|/.test(text) || /\|[ \t]{0,8}UserId[ \t]{0,8}\|/.test(text)) {
    const table = {
      userId: TABLE_FIELD('UserId').exec(text)?.[1],
      account: TABLE_FIELD('Account').exec(text)?.[1],
      arn: TABLE_FIELD('Arn').exec(text)?.[1],
    };
    if (table.account && isAccountId(table.account)) return table;
  }
  // --output text: ACCOUNT<TAB>ARN<TAB>USERID on one line.
  const textLine = CALLER_IDENTITY_TEXT_LINE.exec(text);
  if (textLine) return { account: textLine[1], arn: textLine[2], userId: textLine[3] };
  return undefined;
}

/** AWS_* variables and credentials-file keys as `NAME=value` / `name = value` / `export NAME=value` / `$env:NAME = "v"`. */
const CREDENTIAL_LINE =
  /^[ \t]{0,12}(?:export[ \t]{1,4}|set[ \t]{1,4}|\$env:)?(AWS_[A-Z0-9_]{1,60}|aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token|region|profile)[ \t]{0,4}[=:][ \t]{0,4}["']?([^"'\s]{0,2000})["']?[ \t]{0,8}$/gim;

export function parseCredentialVars(text: string): CredentialVars {
  const vars = new Map<string, string>();
  let listed = 0;
  for (const match of text.matchAll(CREDENTIAL_LINE)) {
    const name = (match[1] ?? '').toUpperCase();
    const value = match[2] ?? '';
    const key = name.startsWith('AWS_') ? name : name === 'REGION' || name === 'PROFILE' ? name : name.toUpperCase();
    vars.set(key, value);
    listed++;
  }
  return { vars, listing: listed >= 2 };
}

const K = SIGV4_KEY_ID_PATTERN;
const KEY_STATUS = new RegExp(
  `["']?AccessKeyId["']?[ \\t]{0,4}[:=][ \\t]{0,4}["']?(${K})["']?[,\\s]{1,40}["']?Status["']?[ \\t]{0,4}[:=][ \\t]{0,4}["']?(Active|Inactive|Expired)`,
  'g',
);
const KEY_STATUS_REVERSED = new RegExp(
  `["']?Status["']?[ \\t]{0,4}[:=][ \\t]{0,4}["']?(Active|Inactive|Expired)["']?[,\\s]{1,40}["']?AccessKeyId["']?[ \\t]{0,4}[:=][ \\t]{0,4}["']?(${K})`,
  'g',
);
const TEXT_KEY_STATUS = new RegExp(`\\b(${K})[ \\t]{1,20}(?:\\S{1,40}[ \\t]{1,20})?(Active|Inactive|Expired)\\b`, 'g');

export function parseKeyStatuses(text: string): AccessKeyStatus[] {
  const out: AccessKeyStatus[] = [];
  for (const m of text.matchAll(KEY_STATUS)) out.push({ accessKeyId: m[1] ?? '', status: m[2] ?? '' });
  for (const m of text.matchAll(KEY_STATUS_REVERSED)) out.push({ accessKeyId: m[2] ?? '', status: m[1] ?? '' });
  for (const m of text.matchAll(TEXT_KEY_STATUS)) out.push({ accessKeyId: m[1] ?? '', status: m[2] ?? '' });
  return out.slice(0, 200);
}

export function parseToolOutputs(text: string): ToolOutputs {
  return {
    configureList: parseConfigureList(text),
    callerIdentity: parseCallerIdentity(text),
    credentials: parseCredentialVars(text),
    keyStatuses: parseKeyStatuses(text),
  };
}

/** True for a pasted value that stands for something present: a value, a mask, or our [REDACTED] marker. */
export function isPresentValue(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim();
  return v.length > 0 && !/^(?:<not set>|none|null|undefined|""|'')$/i.test(v);
}
