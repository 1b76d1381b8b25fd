/**
 * Reading IAM policy documents: decoding (IAM's GetPolicyVersion / GetUserPolicy / GetRolePolicy return the JSON
 * URL-encoded per RFC 3986, IAM API reference PolicyVersion.Document; Organizations DescribePolicy returns it plain)
 * and finding the statements that deny an action on a resource. Pure functions.
 *
 * Matching follows the IAM policy grammar: Action / NotAction (case-insensitive, `*` and `?` wildcards), Resource /
 * NotResource (case-sensitive wildcards). Conditions are not evaluated: a Deny with a Condition "may" apply, and
 * the report shows the condition so a person can compare it with the real request.
 */

export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  condition?: Record<string, unknown>;
  /** Resource-based policies: the AWS principals it names (`*` for everyone), or that it excludes (NotPrincipal). */
  principal?: string[];
  notPrincipal?: string[];
}

export interface MatchedStatement {
  statement: PolicyStatement;
  /** True when the statement has a Condition: it denies only when the condition holds. */
  conditional: boolean;
}

/** The JSON of a policy document, URL-decoded when it is encoded; undefined when it is not JSON at all. */
export function decodePolicyDocument(document: string): unknown {
  const attempts = [document];
  if (/%[0-9A-Fa-f]{2}/.test(document)) {
    try {
      attempts.unshift(decodeURIComponent(document.replace(/\+/g, '%20')));
    } catch {
      // not URL-encoded after all
    }
  }
  for (const text of attempts) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

const list = (value: unknown): string[] | undefined => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
};

/** `"*"`, `{"AWS": "..." | [...]}` (other principal kinds, such as Service, name no AWS principal: []). */
function awsPrincipals(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === '*') return ['*'];
  if (typeof value !== 'object' || Array.isArray(value)) return [];
  return list((value as { AWS?: unknown }).AWS) ?? [];
}

/** The statements of a parsed policy document (one object or a list), normalised. */
export function statementsOf(document: unknown): PolicyStatement[] {
  if (!document || typeof document !== 'object') return [];
  const raw = (document as { Statement?: unknown }).Statement;
  const items = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  const out: PolicyStatement[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const s = item as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') continue;
    const statement: PolicyStatement = { effect: s.Effect };
    if (typeof s.Sid === 'string' && s.Sid) statement.sid = s.Sid;
    const action = list(s.Action);
    const notAction = list(s.NotAction);
    const resource = list(s.Resource);
    const notResource = list(s.NotResource);
    if (action) statement.action = action;
    if (notAction) statement.notAction = notAction;
    if (resource) statement.resource = resource;
    if (notResource) statement.notResource = notResource;
    if (s.Condition && typeof s.Condition === 'object') statement.condition = s.Condition as Record<string, unknown>;
    const principal = awsPrincipals(s.Principal);
    const notPrincipal = awsPrincipals(s.NotPrincipal);
    if (principal) statement.principal = principal;
    if (notPrincipal) statement.notPrincipal = notPrincipal;
    out.push(statement);
  }
  return out;
}

/** IAM wildcard match: `*` any run, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

export function actionMatches(s: PolicyStatement, action: string): boolean {
  if (s.action) return s.action.some((a) => wildcardMatch(a, action, true));
  if (s.notAction) return !s.notAction.some((a) => wildcardMatch(a, action, true));
  return false;
}

export function resourceMatches(s: PolicyStatement, resources: readonly string[]): boolean {
  // SCPs and RCPs may omit Resource (then it is "*"); identity policies always have one.
  if (resources.length === 0) return true;
  if (s.resource) return resources.some((r) => s.resource?.some((p) => wildcardMatch(p, r, false)));
  if (s.notResource) return resources.some((r) => !s.notResource?.some((p) => wildcardMatch(p, r, false)));
  return true;
}

/**
 * The Deny statements of `document` that match `action` on any of `resources` (conditions shown, not evaluated).
 * An empty `resources` list matches every resource.
 */
export function denyingStatements(
  document: unknown,
  action: string,
  resources: readonly string[] = [],
): MatchedStatement[] {
  return statementsOf(document)
    .filter((s) => s.effect === 'Deny' && actionMatches(s, action) && resourceMatches(s, resources))
    .map((statement) => ({ statement, conditional: statement.condition !== undefined }));
}

/** `DenyOutsideApprovedRegions: Deny bedrock:* on * when {"StringNotEquals":{"aws:RequestedRegion":["us-east-1"]}}` */
export function describeStatement(s: PolicyStatement): string {
  const actions = s.action ? s.action.join(', ') : `every action except ${s.notAction?.join(', ') ?? '?'}`;
  const resources = s.resource
    ? s.resource.join(', ')
    : s.notResource
      ? `every resource except ${s.notResource.join(', ')}`
      : '*';
  const when = s.condition ? ` when ${JSON.stringify(s.condition)}` : '';
  return `${s.sid ?? '(no Sid)'}: ${s.effect} ${actions} on ${resources}${when}`;
}
