/**
 * ARNs in pasted text: principals (users, roles, assumed roles, root) and Bedrock resources (foundation models,
 * inference profiles). Accounts may be masked (`0482xxxxxxxx`, `********`) and regions may be placeholders
 * (`<region>`) or absent (cross-region inference profiles route to `arn:aws:bedrock:::foundation-model/...`).
 */
import { isAccountId } from '../aws-facts/account-ids.js';
import { MODEL_RESOURCE_TYPES } from '../aws-facts/models.js';
import { ARN_PARTITION_PATTERN } from '../aws-facts/partitions.js';

export interface ParsedArn {
  raw: string;
  partition: string;
  service: string;
  region: string;
  /** As written: 12 digits, masked, `aws`, a placeholder (`ACCOUNT_ID`, `<account>`, `{account-id}`), or empty. */
  account: string;
  resource: string;
  /** The resource part before the first `/` or `:` (user, role, assumed-role, foundation-model, ...). */
  resourceType: string;
  /** Offset of the ARN in the text it was read from. */
  index: number;
}

const ARN = new RegExp(
  `(?<![A-Za-z0-9])arn:(${ARN_PARTITION_PATTERN}):([a-z0-9-]{1,40}):([a-z0-9-]{0,30}|<[A-Za-z_ -]{1,20}>):([0-9xX*]{0,12}|aws|[A-Za-z][A-Za-z0-9_-]{0,30}|<[A-Za-z_ -]{1,20}>|\\{[A-Za-z_-]{1,20}\\})?:([^\\s"'\`<>,;()[\\]{}|\\\\]{1,512})`,
  'g',
);

/** `assumed-role/ NAME`: a space slipped in by a chat client's line wrapping; rejoin it. */
const WRAPPED_TAIL = /^ ([A-Za-z0-9+=,.@_-][^\s"'`<>,;()[\]{}|\\]{0,511})/;

const PRINCIPAL_TYPES = new Set(['user', 'role', 'assumed-role', 'root', 'federated-user']);
const TRAILING_PUNCTUATION = '.,:;!?';

/** `text` without trailing characters from `chars` (a loop: a `[...]+$` pattern is quadratic on long runs). */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

/** ARNs read per text: a real paste names a few; a flood of them must not cost more. */
const MAX_ARNS = 200;

export function parseArns(text: string): ParsedArn[] {
  const arns: ParsedArn[] = [];
  for (const match of text.matchAll(ARN)) {
    if (arns.length >= MAX_ARNS) break;
    const [raw0, partition = '', service = '', region = '', account = '', resource0 = ''] = match;
    let raw = raw0;
    let resource = resource0;
    const end = (match.index ?? 0) + raw0.length;
    if (/^(?:assumed-role|role|user)\/$/.test(resource)) {
      const tail = WRAPPED_TAIL.exec(text.slice(end, end + 513));
      if (tail?.[1]) {
        resource += tail[1];
        raw += tail[1];
      }
    }
    const trimmed = trimTrailing(resource, TRAILING_PUNCTUATION);
    raw = raw.slice(0, raw.length - (resource.length - trimmed.length));
    resource = trimmed;
    if (resource.length === 0) continue;
    const resourceType = /^[^/:]{1,64}/.exec(resource)?.[0] ?? '';
    arns.push({ raw, partition, service, region, account, resource, resourceType, index: match.index ?? 0 });
  }
  return arns;
}

export function isPrincipalArn(arn: ParsedArn): boolean {
  if (arn.service !== 'iam' && arn.service !== 'sts') return false;
  if (!PRINCIPAL_TYPES.has(arn.resourceType)) return false;
  // A principal names someone: `role/` alone (a truncated paste) is not a principal.
  return arn.resourceType === 'root' || /\/[^/]/.test(arn.resource);
}

export function hasRealAccount(arn: ParsedArn): boolean {
  return isAccountId(arn.account);
}

/** The modelId an ARN stands for: the id after the slash for models and system profiles, else the whole ARN. */
export function modelIdFromArn(arn: ParsedArn): string | undefined {
  if (arn.service !== 'bedrock' || !MODEL_RESOURCE_TYPES.has(arn.resourceType)) return undefined;
  const id = arn.resource.slice(arn.resourceType.length + 1);
  if (id.length === 0) return undefined;
  if (arn.resourceType === 'foundation-model' || arn.resourceType === 'inference-profile') return id;
  return arn.raw;
}

/** The account of an ARN, or a placeholder when it is masked (`0482xxxxxxxx`) or absent. */
export function accountOrPlaceholder(arn: ParsedArn): string {
  return hasRealAccount(arn) ? arn.account : '<account>';
}

/** The role name of an assumed-role ARN (`arn:aws:sts::1:assumed-role/Role/session` -> `Role`). */
export function roleNameOf(arn: ParsedArn): string | undefined {
  return arn.resourceType === 'assumed-role' ? arn.resource.split('/')[1] : undefined;
}

/**
 * The IAM principal behind an ARN, as people name it: `arn:aws:sts::1:assumed-role/Role/s` -> `arn:aws:iam::1:role/Role`
 * (the role's path, e.g. aws-reserved/sso.amazonaws.com/, is not in the assumed-role ARN).
 */
export function roleArnForPrincipal(arn: ParsedArn): string {
  const role = roleNameOf(arn);
  if (role === undefined) return hasRealAccount(arn) ? arn.raw : arn.raw.replace(`::${arn.account}:`, '::<account>:');
  return `arn:${arn.partition}:iam::${accountOrPlaceholder(arn)}:role/${role}`;
}
