/**
 * Enforced Amazon Bedrock guardrails (reference/bedrock-2025-2026.md section 1.4), offline facts:
 *
 * - Account level: bedrock:ListEnforcedGuardrailsConfiguration (GET /enforcedGuardrailsConfiguration, restJson1)
 *   lists at most one AccountEnforcedGuardrailOutputConfiguration per region (botocore bedrock 2023-04-20,
 *   commit 0e6e2404: list max 1; guardrailArn pattern `arn:aws(-[^:]+)?:bedrock:REGION:ACCOUNT:guardrail/[a-z0-9]+`).
 * - Organization level: the Organizations policy type BEDROCK_POLICY ("Amazon Bedrock policies"); its document is
 *   `{"bedrock": {"guardrail_inference": {"<region>": {"<config>": {"identifier": "<guardrail ARN>:<version>",
 *   "selective_content_guarding": {...}, "model_enforcement": {"included_models": [...], "excluded_models": [...]}}}}}}`
 *   (Organizations user guide, orgs_manage_policies_bedrock_syntax). The guardrail is owned by the management account.
 * - Once a guardrail is enforced, every caller needs bedrock:ApplyGuardrail on it (its resource type is
 *   `guardrail`, arn:${Partition}:bedrock:${Region}:${Account}:guardrail/${GuardrailId}: Service Authorization
 *   Reference, list_bedrock), else the call fails with AccessDenied.
 * - Model enforcement (Bedrock user guide, guardrails-enforcements, FAQ): included models are specific model ids or
 *   `ALL`, and an empty list means all models; excluded models are carved out; a model in both lists is excluded.
 */
import { ACCOUNT_ID_PATTERN } from './account-ids.js';
import { ARN_PARTITION_PATTERN } from './partitions.js';

/** The IAM action every caller needs on an enforced guardrail. */
export const APPLY_GUARDRAIL_ACTION = 'bedrock:ApplyGuardrail';
/** The Organizations effective-policy type of Amazon Bedrock policies. */
export const BEDROCK_POLICY_TYPE = 'BEDROCK_POLICY';
/** The keyword of an included-models list that names every model. */
export const ALL_MODELS = 'ALL';

/** arn:P:bedrock:REGION:ACCOUNT:guardrail/ID[:VERSION]: 1 partition, 2 region, 3 account, 4 id, 5 version. */
const GUARDRAIL_IDENTIFIER = new RegExp(
  `^arn:(${ARN_PARTITION_PATTERN}):bedrock:([a-z0-9-]{1,20}):(${ACCOUNT_ID_PATTERN}):guardrail\\/([a-z0-9]+)(?::([1-9][0-9]{0,7}|DRAFT))?$`,
);
/** A guardrail id (GuardrailId in the Bedrock model: [a-z0-9]+, at most 64). */
const GUARDRAIL_ID = /^[a-z0-9]{1,64}$/;

export interface GuardrailRef {
  /** The guardrail's ARN, without a version: the resource bedrock:ApplyGuardrail is authorized on. */
  arn: string;
  partition: string;
  region: string;
  accountId: string;
  guardrailId: string;
  /** The numeric version (or DRAFT) the identifier names, when it names one. */
  version?: string;
}

export function guardrailArn(partition: string, region: string, accountId: string, guardrailId: string): string {
  return `arn:${partition}:bedrock:${region}:${accountId}:guardrail/${guardrailId}`;
}

/** A guardrail ARN, with or without `:VERSION` (an organization policy's identifier carries one). */
export function parseGuardrailIdentifier(identifier: string): GuardrailRef | undefined {
  const m = GUARDRAIL_IDENTIFIER.exec(identifier.trim());
  if (!m) return undefined;
  const [, partition = 'aws', region = '', accountId = '', guardrailId = '', version] = m;
  return {
    arn: guardrailArn(partition, region, accountId, guardrailId),
    partition,
    region,
    accountId,
    guardrailId,
    ...(version ? { version } : {}),
  };
}

export function isGuardrailId(value: string): boolean {
  return GUARDRAIL_ID.test(value);
}

/** Which models an enforced guardrail applies to (absent = every model). */
export interface ModelScope {
  included: string[];
  excluded: string[];
}

/**
 * Whether an enforcement applies to `modelId` (a foundation-model id): 'yes', 'no' (excluded, or not among the
 * included models), or 'unknown' (no model id to compare).
 */
export function enforcementCovers(
  scope: ModelScope | undefined,
  modelId: string | undefined,
): 'yes' | 'no' | 'unknown' {
  if (!scope) return 'yes';
  const all = scope.included.length === 0 || scope.included.includes(ALL_MODELS);
  if (!modelId) return all && scope.excluded.length === 0 ? 'yes' : 'unknown';
  const named = (list: string[]) => list.some((m) => sameModel(m, modelId));
  if (named(scope.excluded)) return 'no';
  return all || named(scope.included) ? 'yes' : 'no';
}

/** A model entry may carry an account suffix (`id/123456789012`, the model's pattern): compare the ids. */
function sameModel(entry: string, modelId: string): boolean {
  return entry === modelId || entry.split('/')[0] === modelId;
}

/** `all models`, `all models except a, b`, `only a, b`. */
export function describeModelScope(scope: ModelScope | undefined): string {
  if (!scope) return 'all models';
  const all = scope.included.length === 0 || scope.included.includes(ALL_MODELS);
  const except = scope.excluded.length > 0 ? ` except ${scope.excluded.join(', ')}` : '';
  return all ? `all models${except}` : `only ${scope.included.join(', ')}${except}`;
}

/** One guardrail configuration of an organization's effective Amazon Bedrock policy, for one region. */
export interface OrgGuardrailConfig {
  /** The configuration's key in the policy (`config_1`). */
  name: string;
  /** The identifier as written (guardrail ARN and version). */
  identifier: string;
  /** The identifier read as a guardrail ARN; undefined when it is malformed. */
  guardrail?: GuardrailRef;
  scope?: ModelScope;
}

/**
 * The guardrail configurations an effective BEDROCK_POLICY document enforces in `region`. Values are read plain or
 * wrapped in an inheritance operator (`{"@@assign": value}`, the syntax of the attached policies): the effective
 * policy's exact rendering is not shown in the documentation, so both are accepted.
 */
export function orgGuardrailConfigs(document: unknown, region: string): OrgGuardrailConfig[] {
  const inference = field(field(document, 'bedrock'), 'guardrail_inference');
  const configs = field(inference, region);
  if (!isObject(configs)) return [];
  const out: OrgGuardrailConfig[] = [];
  for (const [name, config] of Object.entries(configs)) {
    const identifier = value(field(config, 'identifier'));
    if (typeof identifier !== 'string') {
      out.push({ name, identifier: '' });
      continue;
    }
    const enforcement = field(config, 'model_enforcement');
    const included = strings(value(field(enforcement, 'included_models')));
    const excluded = strings(value(field(enforcement, 'excluded_models')));
    const guardrail = parseGuardrailIdentifier(identifier);
    out.push({
      name,
      identifier,
      ...(guardrail ? { guardrail } : {}),
      ...(isObject(enforcement) ? { scope: { included, excluded } } : {}),
    });
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(v: unknown, key: string): unknown {
  return isObject(v) ? v[key] : undefined;
}

/** A policy value, plain or behind `@@assign`. */
function value(v: unknown): unknown {
  return isObject(v) && '@@assign' in v ? v['@@assign'] : v;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}
