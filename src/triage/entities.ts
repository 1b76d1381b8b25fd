/**
 * Entities (DESIGN section 2) read from normalized, secret-scrubbed text. Each kind has its own extractor with an
 * explicit preference order (the failing call's own fields first, bare mentions last) and look-alike guards:
 * IAM unique ids (AIDA/AROA) are not keys, old-format keys are not decoded, a 12-digit timestamp is not an
 * account, an availability zone is not a region, `amazon.com` is not a model id.
 */

import {
  accessKeyType,
  decodeKeyAccount,
  KEY_ID_IN_TEXT,
  KEY_ID_PATTERN,
  UNIQUE_ID_IN_TEXT,
} from '../aws-facts/access-key-ids.js';
import { ACCOUNT_ID_PATTERN, CONSOLE_ACCOUNT_ID_PATTERN } from '../aws-facts/account-ids.js';
import { GEO_PREFIX_PATTERN, isFoundationModelId } from '../aws-facts/models.js';
import { findDenyingPolicy } from '../aws-facts/policy-arns.js';
import { isKnownRegion, isRegionCode, REGION_CODE_PATTERN, REGION_WORD } from '../aws-facts/regions.js';
import type { Entities } from '../report.js';
import { hasRealAccount, isPrincipalArn, modelIdFromArn, type ParsedArn, parseArns, trimTrailing } from './arns.js';
import { limited } from './limits.js';
import { latestPasteTime } from './paste-time.js';
import { proseService } from './prose-service.js';
import type { ToolOutputs } from './tool-output.js';

/** Everything the extractors saw, beyond the single value per kind that `Entities` keeps. */
export interface EntityFacts {
  entities: Entities;
  arns: ParsedArn[];
  principal?: ParsedArn;
  /** Every distinct access key id, in order of appearance. */
  accessKeyIds: string[];
  /** IAM unique ids (AIDA..., AROA...) seen: look-alikes worth a word. */
  uniqueIds: string[];
  /** Every distinct region named, in order of appearance. */
  regions: string[];
  /** Region-shaped names that are not regions (`eu-west-4`). */
  unknownRegions: string[];
  /** Regions the text names as working ("works in us-east-1"). */
  workingRegions: string[];
  /** 12-digit accounts with where each was seen, the caller's own first. */
  accounts: AccountMention[];
  /** Every IAM action named (service:Action). */
  actions: string[];
  /** The endpoint host of the failing call, when one is named. */
  host?: string;
}

export interface AccountMention {
  account: string;
  /** For explanations: the ARN or the words it was read from. */
  source: string;
  /**
   * identity: get-caller-identity output; principal: the calling principal's ARN; mention: named in the text
   * ("account 1234...", "Account": "..."); resource: an ARN of something called (may legitimately be elsewhere).
   */
  kind: 'identity' | 'principal' | 'mention' | 'resource';
}

interface Candidate {
  value: string;
  rank: number;
  index: number;
}

function best(candidates: Candidate[]): string | undefined {
  let chosen: Candidate | undefined;
  for (const c of candidates) {
    if (!chosen || c.rank < chosen.rank || (c.rank === chosen.rank && c.index < chosen.index)) chosen = c;
  }
  return chosen?.value;
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------- access keys

const KEY_ASSIGNMENT = new RegExp(
  `(?:aws_access_key_id|access_?key_?id|AWSAccessKeyId|Credential)["']?[ \\t]{0,4}[:=>][ \\t]{0,4}["']?(${KEY_ID_PATTERN})(?![A-Za-z0-9])`,
  'gi',
);

/**
 * The key id S3 echoes in its InvalidAccessKeyId body (`<AWSAccessKeyId>...</AWSAccessKeyId>`), whatever it looks
 * like: a client that sent a placeholder or a variable's name (`S3_UPLOADS_KEY`) shows it there.
 */
const ECHOED_KEY_ID = /<AWSAccessKeyId>([A-Za-z0-9_.+/=-]{1,128})<\/AWSAccessKeyId>/;

function extractAccessKeys(text: string): { ids: string[]; preferred?: string } {
  const ids = unique([...limited(text.matchAll(KEY_ID_IN_TEXT))].map((m) => m[1] ?? ''));
  const assigned = [...limited(text.matchAll(KEY_ASSIGNMENT), 1)].map((m) => m[1] ?? '');
  return { ids, preferred: assigned[0] ?? ids[0] ?? ECHOED_KEY_ID.exec(text)?.[1] };
}

// ---------------------------------------------------------------- regions

/** `.REGION.amazonaws.com`: the host label(s) before it are read backwards from the match. */
const ENDPOINT_REGION = new RegExp(`\\.(${REGION_CODE_PATTERN})\\.amazonaws\\.com(?:\\.cn)?(?![A-Za-z0-9-])`, 'g');
const REGION_ASSIGNMENT = new RegExp(
  `(?:--region|region_name|aws_region_name|aws_region|AWS_REGION|AWS_DEFAULT_REGION|regionName|region)["']?[ \\t]{0,4}(?:[:=][ \\t]{0,4}|[ \\t])["']?(${REGION_CODE_PATTERN})(?![A-Za-z0-9])`,
  'gi',
);
/**
 * A region closing a hyphenated resource name: CloudFormation stack sets and LZA (`LoggingStack-<account>-ap-southeast-4`),
 * CDK's bootstrap bucket (`cdk-hnb659fds-assets-<account>-us-east-1`). The bare-word pattern skips these.
 */
const NAME_SUFFIX_REGION = new RegExp(`[A-Za-z0-9#*>]-(${REGION_CODE_PATTERN})(?![A-Za-z0-9-])`, 'g');
const CREDENTIAL_SCOPE = new RegExp(`/\\d{8}/(${REGION_CODE_PATTERN})/[a-z0-9-]{1,40}/aws4_request`, 'g');
/** "works in us-east-1", "access was granted in us-east-1": a region named as the one that is fine. */
const WORKING_REGION_BEFORE =
  /(?:works?|worked|working|granted|enabled|succeeds?|succeeded|fine|ok|okay)(?: fine| ok| well)?(?: only)? (?:in|with|from|on|for)(?: the)?(?: region)?(?: --region)? ?$/i;

/** "eu-west-1 works", "in eu-west-1 region it works ok": the same, said after the region (present tense only). */
const WORKING_REGION_AFTER =
  /^(?: region)?,?(?: (?:it|this|that|everything|the same (?:call|code|request)))? (?:works|is working|succeeds|is fine)\b/i;

/**
 * "This works:" as a heading over a command or code block ("This works: AWS_REGION=us-west-2 ...  But this doesn't:
 * ..."): the first region named within WORKS_HEADING_REACH characters after it is the working one.
 */
const WORKS_HEADING = /\b(?:this|that|it) works:/gi;
const WORKS_HEADING_REACH = 160;

function isHostChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e;
}

function hostBefore(text: string, dotIndex: number): string {
  let start = dotIndex;
  while (start > 0 && dotIndex - start < 120 && isHostChar(text.charCodeAt(start - 1))) start--;
  return text.slice(start, dotIndex);
}

function extractRegions(text: string, arns: ParsedArn[], tools: ToolOutputs) {
  const candidates: Candidate[] = [];
  const working: string[] = [];
  let host: string | undefined;
  for (const m of limited(text.matchAll(ENDPOINT_REGION))) {
    const region = m[1] ?? '';
    const index = m.index ?? 0;
    // A host label right before the region: `bedrock-runtime.us-east-1.amazonaws.com`, not `.us-east-1.amazonaws.com`.
    const before = text.charCodeAt(index - 1);
    if (index === 0 || !isHostChar(before) || before === 0x2e) continue;
    host ??= `${hostBefore(text, index)}${m[0]}`;
    candidates.push({ value: region, rank: 0, index });
  }
  for (const m of limited(text.matchAll(REGION_ASSIGNMENT))) {
    candidates.push({ value: m[1] ?? '', rank: 1, index: m.index ?? 0 });
  }
  const configured = tools.configureList?.region?.value;
  if (configured && isRegionCode(configured)) candidates.push({ value: configured, rank: 1, index: text.length });
  for (const arn of arns) {
    if (isRegionCode(arn.region)) candidates.push({ value: arn.region, rank: 2, index: arn.index });
  }
  for (const m of limited(text.matchAll(CREDENTIAL_SCOPE))) {
    candidates.push({ value: m[1] ?? '', rank: 3, index: m.index ?? 0 });
  }
  const headings = [...limited(text.matchAll(WORKS_HEADING))].map((m) => (m.index ?? 0) + m[0].length);
  let heading = 0;
  for (const m of limited(text.matchAll(REGION_WORD))) {
    const region = m[1] ?? '';
    const index = m.index ?? 0;
    const before = text.slice(Math.max(0, index - 40), index);
    const after = text.slice(index + region.length, index + region.length + 40);
    // The first region after a "This works:" heading (the headings are in order, and so are the matches).
    let underHeading = false;
    while (heading < headings.length && (headings[heading] ?? 0) <= index) {
      underHeading = index - (headings[heading] ?? 0) <= WORKS_HEADING_REACH;
      heading++;
    }
    if (underHeading || WORKING_REGION_BEFORE.test(before) || WORKING_REGION_AFTER.test(after)) {
      working.push(region);
      candidates.push({ value: region, rank: 5, index });
      continue;
    }
    candidates.push({ value: region, rank: 4, index });
  }
  for (const m of limited(text.matchAll(NAME_SUFFIX_REGION))) {
    const region = m[1] ?? '';
    if (isKnownRegion(region)) candidates.push({ value: region, rank: 4, index: (m.index ?? 0) + 2 });
  }
  // A region named as the one that works is not the failing call's region, whatever its other mentions say.
  const workingSet = new Set(working);
  const failingNamed = candidates.some((c) => !workingSet.has(c.value));
  if (failingNamed) for (const c of candidates) if (workingSet.has(c.value)) c.rank = 5;
  const unknown = unique(candidates.filter((c) => !isKnownRegion(c.value)).map((c) => c.value));
  const regions = unique([...candidates].sort((a, b) => a.index - b.index).map((c) => c.value));
  return { region: best(candidates), regions, unknown, working: unique(working), host };
}

// ---------------------------------------------------------------- model ids

const PROVIDERS =
  'ai21|amazon|anthropic|cohere|deepseek|google|luma|meta|minimax|mistral|moonshot|moonshotai|nvidia|openai|qwen|stability|twelvelabs|writer|xai|zai';
/** The profile geographies, and older or regional-looking ones people paste (`apne.`, `use.`, `euw.`). */
const GEO_PREFIXES = `${GEO_PREFIX_PATTERN}|apne|use|euw`;
const MODEL_ID = new RegExp(
  `(?<![A-Za-z0-9_.-])((?:(?:${GEO_PREFIXES})\\.)?(?:${PROVIDERS})\\.([A-Za-z0-9][A-Za-z0-9._:%-]{1,120}))`,
  'g',
);
// The key may be in Markdown emphasis, as issue templates list their fields: `- **Model ID**: \`...\``.
const MODEL_ID_CONTEXT =
  /(?:model ID|model_id|modelId|model-id|model|modelArn|inferenceProfileId)(?:\*\*|__|\*|_)?["'`]?[ \t]{0,4}[:=]?[ \t]{0,4}["'`]?(?:bedrock\/(?:converse\/)?)?$/i;
const TRAILING_ID_PUNCTUATION = '.:,-';
/** The id the caller passed, as a key: `"modelId":"..."`, `model_id=...`, `--model-id ...`. */
const KEYED_MODEL_ID = /(?:model_id|modelId|model-id|inferenceProfileId)["'`]?[ \t]{0,4}[:=]?[ \t]{0,4}["'`]?$/;
/** Claude Code's model in its API errors; `[1m]` is its 1M-context marker (`sonnet[1m]`), not part of the id sent. */
const AGENT_MODEL = /\bAPI Error \(([A-Za-z0-9][A-Za-z0-9._:/-]{2,120})(?:\[1m\])?\): \d{3}\b/;
/**
 * A quoted id in a model slot (`The model 'xai.grok-4'`, `model_id="writer.palmyra-x5-v1:0"`): provider.model is
 * what Bedrock accepts, whether or not the provider is one this list knows.
 */
const QUOTED_MODEL_SLOT =
  /\bmodel(?:[ _-]?id|Id)?[ \t]{0,3}[:=]?[ \t]{0,3}["'`]([a-z0-9][a-z0-9-]{1,39}\.[A-Za-z0-9][A-Za-z0-9._:-]{1,120})["'`]/gi;
/**
 * The id an error message itself names as missing, whatever the provider: OpenAI's "The model `gpt-4o-x` does not
 * exist", Codex's "an issue with the selected model (gpt-5.2). It may not exist". The labels keep what is printed.
 * Normalizing drops the backticks, so the quotes are optional.
 */
const NAMED_MISSING_MODEL =
  /\bmodel\s{1,3}[`'"(]?([A-Za-z0-9][A-Za-z0-9._:/-]{1,120}?)[`'")]?\.?\s{1,3}(?:does\s+not\s+exist|doesn't\s+exist|is\s+not\s+found|was\s+not\s+found|not\s+found|it\s+may\s+not\s+exist|may\s+not\s+exist)\b/i;
/** Bedrock Runtime's operations after `/model/<id>/` in its URL path. */
const RUNTIME_PATH_OPERATION = '(?:converse-stream|converse|invoke-with-response-stream|invoke|count-tokens)';
/** The SDKs escape the id in the URL path: `/model/arn%3Aaws%3Abedrock%3A...%2Fid/converse`. */
const ESCAPED_ARN_IN_PATH = new RegExp(
  String.raw`\/model\/(arn%3A[A-Za-z0-9%._-]{10,400})\/${RUNTIME_PATH_OPERATION}\b`,
  'gi',
);

/**
 * A Bedrock model id pasted without its provider (`claude-3-5-sonnet-20241022-v2:0`, as tools that add the prefix
 * themselves print it): the `-vN:N` version suffix is Bedrock's own, so the name is a model id even unprefixed.
 */
const UNPREFIXED_BEDROCK_MODEL =
  /(?<![A-Za-z0-9_.:/-])([a-z][a-z0-9]*(?:[-.][a-z0-9]+){1,12}-v[0-9]{1,2}:[0-9]{1,2})(?![A-Za-z0-9:.-])/g;

const VERSION_SUFFIX = /-v[0-9]{1,2}:[0-9]/;

/** Any id in Bedrock Runtime's path: `POST /model/<id>/converse-stream`. */
const MODEL_IN_PATH = new RegExp(
  String.raw`\/model\/([A-Za-z0-9][A-Za-z0-9._:%[\]-]{1,200})\/${RUNTIME_PATH_OPERATION}\b`,
  'g',
);

/**
 * An id the text offers as the fix ("Expected for Bedrock: `us.anthropic...`", "should be eu.anthropic..."), on the
 * same line: it is not the id the client sent, so it says nothing about the call.
 */
const SUGGESTED_MODEL_ID = /\b(?:expected|should be|should have been)\b[^\n]{0,30}$/i;

/** `%3A` and `%2F` as the SDKs escape a model id in a URL path (`...-v1%3A0`); the id is the unescaped one. */
function unescapePath(id: string): string {
  return id.includes('%') ? id.replace(/%3A/gi, ':').replace(/%2F/gi, '/') : id;
}

/** A Bedrock model name has a version or variant: a hyphen, a colon or a digit (`amazon.com` has none). */
function looksLikeModelId(name: string): boolean {
  return /[-:0-9]/.test(name) && !/^(?:com|net|org|io|ai|aws)(?:[./:]|$)/.test(name);
}

function extractModelId(text: string, arns: ParsedArn[]): string | undefined {
  const candidates: Candidate[] = [];
  for (const m of limited(text.matchAll(MODEL_ID))) {
    const id = trimTrailing(unescapePath(m[1] ?? ''), TRAILING_ID_PUNCTUATION);
    if (!looksLikeModelId(trimTrailing(m[2] ?? '', TRAILING_ID_PUNCTUATION))) continue;
    const index = m.index ?? 0;
    const before = text.slice(Math.max(0, index - 40), index);
    if (SUGGESTED_MODEL_ID.test(before)) continue;
    let rank = 4;
    if (/model ID $/i.test(before) || KEYED_MODEL_ID.test(before)) rank = 0;
    else if (/\/model\/$/.test(before)) rank = 1;
    else if (MODEL_ID_CONTEXT.test(before)) rank = 2;
    candidates.push({ value: id, rank, index });
  }
  for (const m of limited(text.matchAll(QUOTED_MODEL_SLOT))) {
    const id = m[1] ?? '';
    const name = id.slice(id.indexOf('.') + 1);
    if (isFoundationModelId(id) && looksLikeModelId(name)) candidates.push({ value: id, rank: 2, index: m.index ?? 0 });
  }
  for (const arn of arns) {
    const id = modelIdFromArn(arn);
    if (id) candidates.push({ value: trimTrailing(id, TRAILING_ID_PUNCTUATION), rank: 1, index: arn.index });
  }
  for (const m of limited(text.matchAll(ESCAPED_ARN_IN_PATH))) {
    const arn = parseArns(unescapePath(m[1] ?? ''))[0];
    const id = arn ? modelIdFromArn(arn) : undefined;
    if (id) candidates.push({ value: id, rank: 1, index: m.index ?? 0 });
  }
  // The id in Bedrock's own URL path is the one sent, whatever it looks like (`/model/claude-haiku-4-5/converse`):
  // a last resort, as a gateway may build a broken path (`/model/us-east1/invoke`) beside the real id.
  for (const m of limited(text.matchAll(MODEL_IN_PATH))) {
    const id = unescapePath(m[1] ?? '');
    if (!id.startsWith('arn')) candidates.push({ value: id, rank: 5, index: m.index ?? 0 });
  }
  // Only where a version suffix is in the text at all (one cheap scan spares the long one on hostile input).
  if (VERSION_SUFFIX.test(text)) {
    for (const m of limited(text.matchAll(UNPREFIXED_BEDROCK_MODEL))) {
      candidates.push({ value: m[1] ?? '', rank: 5, index: m.index ?? 0 });
    }
  }
  const named = NAMED_MISSING_MODEL.exec(text);
  // A name has a version or a variant ("model is not found" names none).
  if (named?.[1] && /[-.:0-9]/.test(named[1])) candidates.push({ value: named[1], rank: 3, index: named.index });
  // Claude Code names the model it called: "API Error (claude-sonnet-4-6): 400 ...", even a friendly alias.
  const agent = AGENT_MODEL.exec(text);
  if (agent?.[1]) candidates.push({ value: agent[1], rank: -1, index: agent.index });
  return best(candidates);
}

// ---------------------------------------------------------------- accounts

const ACCOUNT_MENTION = new RegExp(
  `(?:account(?:[ _-]?id)?|AccountId|aws_account_id|owner(?:[ _-]?id)?)(?:["']?[ \\t]{0,3}[:=|]?[ \\t]{0,3}["']?[ \\t]{0,3}| (?:is|was) )(${ACCOUNT_ID_PATTERN}|${CONSOLE_ACCOUNT_ID_PATTERN})(?![0-9-])`,
  'gi',
);

const ECR_REGISTRY = new RegExp(
  `(?<![0-9])([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.${REGION_CODE_PATTERN}\\.amazonaws\\.com(?:\\.cn)?\\b`,
  'g',
);

/** The CDK names the environment it deploys to as `aws://ACCOUNT/REGION` (bootstrap, deploy, synth messages). */
const CDK_ENVIRONMENT = new RegExp(
  `(?<![A-Za-z0-9])aws://(${ACCOUNT_ID_PATTERN})/${REGION_CODE_PATTERN}(?![a-z0-9-])`,
  'g',
);

const ACCOUNT_RANK: Record<AccountMention['kind'], number> = { identity: 0, principal: 1, mention: 2, resource: 3 };

function extractAccounts(text: string, arns: ParsedArn[], principal: ParsedArn | undefined, tools: ToolOutputs) {
  const accounts: Array<AccountMention & { index: number }> = [];
  const identity = tools.callerIdentity;
  if (identity?.account) {
    accounts.push({ account: identity.account, source: 'aws sts get-caller-identity', kind: 'identity', index: 0 });
  }
  if (principal && hasRealAccount(principal)) {
    accounts.push({ account: principal.account, source: principal.raw, kind: 'principal', index: principal.index });
  }
  for (const m of limited(text.matchAll(ACCOUNT_MENTION))) {
    const account = (m[1] ?? '').replaceAll('-', '');
    accounts.push({ account, source: `"${m[0].trim()}"`, kind: 'mention', index: m.index ?? 0 });
  }
  for (const arn of arns) {
    if (hasRealAccount(arn))
      accounts.push({ account: arn.account, source: arn.raw, kind: 'resource', index: arn.index });
  }
  // An ECR registry host carries its account: `476559339891.dkr.ecr.us-east-1.amazonaws.com/repo:tag`.
  for (const m of limited(text.matchAll(ECR_REGISTRY))) {
    accounts.push({ account: m[1] ?? '', source: m[0], kind: 'resource', index: m.index ?? 0 });
  }
  // The account a deployment targets, which need not be the caller's (cross-account bootstrap): a resource.
  for (const m of limited(text.matchAll(CDK_ENVIRONMENT))) {
    accounts.push({ account: m[1] ?? '', source: m[0], kind: 'resource', index: m.index ?? 0 });
  }
  const value = best(accounts.map((a) => ({ value: a.account, rank: ACCOUNT_RANK[a.kind], index: a.index })));
  const seen = new Set<string>();
  const distinct: AccountMention[] = [];
  for (const a of [...accounts].sort((x, y) => ACCOUNT_RANK[x.kind] - ACCOUNT_RANK[y.kind] || x.index - y.index)) {
    if (seen.has(a.account)) continue;
    seen.add(a.account);
    distinct.push({ account: a.account, source: a.source, kind: a.kind });
  }
  return { value, distinct };
}

/**
 * Accounts the text ties to the caller (its identity, its principal, accounts it names) that differ from `account`.
 * Accounts of called resources are left out: calling a model or role in another account is normal.
 */
export function otherCallerAccounts(facts: { accounts: readonly AccountMention[] }, account: string): AccountMention[] {
  return facts.accounts.filter((a) => a.kind !== 'resource' && a.account !== account);
}

// ---------------------------------------------------------------- actions and operations

const IAM_SERVICES =
  'bedrock-mantle|bedrock|bedrock-agentcore|sts|iam|aws-marketplace|s3|kms|ec2|sso|sso-oauth|organizations|lambda|logs|sagemaker|secretsmanager|account|ssm|cloudwatch|aoss|es|dynamodb|execute-api|identitystore|servicequotas|support|ecr|ecs|eks|apigateway|sqs|sns|states|glue|athena|kinesis';
const IAM_ACTION = new RegExp(
  `(?<![A-Za-z0-9_:-])((?:${IAM_SERVICES}):(?:[A-Z][A-Za-z0-9]{0,80}\\*|[A-Z][A-Za-z0-9]{1,80}|\\*))`,
  'g',
);
/**
 * The action a denial names, of any service (new ones too: `bedrock-mantle:CreateInference`), also on the next line
 * of a log wrapped after "perform:"; older services (SES) write it without the colon and quote it TeX-style, which
 * normalizing leaves as "perform ses:SendEmail' on resource".
 */
const DENIED_ACTION =
  /perform:\s{0,3}([a-z][a-z0-9-]{1,40}:[A-Za-z][A-Za-z0-9*]{0,80}|\*)|\bnot authorized to perform ['‘]?([a-z][a-z0-9-]{1,40}:[A-Za-z][A-Za-z0-9*]{0,80})/;
/** The reason clause of the same denial, pasted on its own: "because no session policy allows the X action". */
const ALLOWS_ACTION = /\bpolic(?:y|ies) allows? the ([a-z][a-z0-9-]{1,40}:[A-Za-z][A-Za-z0-9*]{0,80}) action\b/;
const READ_VERBS = /:(?:Get|List|View|Describe|Read|Search)/;

function extractAction(text: string): { action?: string; actions: string[] } {
  const deniedMatch = DENIED_ACTION.exec(text);
  const denied = deniedMatch?.[1] ?? deniedMatch?.[2] ?? ALLOWS_ACTION.exec(text)?.[1];
  const actions = unique([...limited(text.matchAll(IAM_ACTION))].map((m) => m[1] ?? ''));
  if (denied) return { action: denied, actions: unique([denied, ...actions]) };
  // With several actions named and no "perform:", the one that changes something is the one that failed.
  const acting = actions.find((a) => !READ_VERBS.test(a));
  return { action: acting ?? actions[0], actions };
}

const KNOWN_OPERATIONS = [
  'InvokeModelWithResponseStream',
  'InvokeModelWithBidirectionalStream',
  'InvokeModel',
  'ConverseStream',
  'Converse',
  'CountTokens',
  'ApplyGuardrail',
  'StartAsyncInvoke',
  'InvokeAgent',
  'InvokeInlineAgent',
  'RetrieveAndGenerate',
  'ListFoundationModels',
  'GetFoundationModelAvailability',
  'GetFoundationModel',
  'ListInferenceProfiles',
  'GetInferenceProfile',
  'CreateModelInvocationJob',
  'PutUseCaseForModelAccess',
  'GetCallerIdentity',
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
  'AssumeRole',
  'GetSessionToken',
  'GetAccessKeyInfo',
  'GetRoleCredentials',
  'CreateAccessKey',
  'DeleteAccessKey',
  'UpdateAccessKey',
  'ListAccessKeys',
  'GetAccessKeyLastUsed',
  'SimulatePrincipalPolicy',
  'DescribeInstances',
  'DescribeRegions',
  'ListObjectsV2',
  'GetObject',
  'PutObject',
];
/** botocore's wording, also wrapped by a terminal or an old boto (`when calling the\nGetUser operation`). */
const BOTOCORE_OPERATION =
  /when calling the[ \t]{0,4}(?:\r?\n[ \t]{0,8})?([A-Za-z0-9]{1,80})[ \t]{0,4}(?:\r?\n[ \t]{0,8})?operation/;
/** PHP SDK: `Error executing "PutItem" on "https://dynamodb..."` (quotes JSON-escaped when logged as JSON). */
const PHP_OPERATION = /Error executing \\?"([A-Z][A-Za-z0-9]{1,80})\\?" on/;
/**
 * Terraform's awscc provider names the Cloud Control API call it made: `Waiting for Cloud Control API service
 * CreateResource operation completion returned: ...`, `Calling Cloud Control API service UpdateResource operation`.
 */
const CLOUD_CONTROL_OPERATION = /\bCloud Control API service ([A-Z][A-Za-z0-9]{2,60}) operation\b/;
/** aws-sdk-rust names the operation in its error type: `aws_sdk_bedrockruntime::operation::converse::ConverseError`. */
const RUST_OPERATION = /::operation::[a-z0-9_]{1,80}::([A-Z][A-Za-z0-9]{1,80})Error\b/;
/**
 * Go SDK v2: `operation error <Service>: <Operation>, ...`. A credential call nests inside the call it signs
 * (`operation error Bedrock Runtime: Converse, get identity: ... operation error SSO OIDC: CreateToken`): the outer
 * one is the call the person made. Terraform wraps it in its diagnostic box, the operation then on the next line
 * after the box's `│` (`operation error ec2imds:\n│ GetMetadata, request canceled`).
 */
const GO_OPERATION =
  /operation error ([A-Za-z0-9][A-Za-z0-9 ]{0,39}):(?: |[ \t]{0,3}\r?\n[ \t]{0,3}[│|]?[ \t]{0,3})([A-Za-z0-9]{1,80}),/;
/** Java SDK v1 and v2 name the service in the error's own slot: `(Service: BedrockRuntime, Status Code: 400, ...)`. */
const JAVA_SERVICE = /\(Service:\s{1,3}([A-Za-z][A-Za-z0-9 ._-]{0,60}?)[;,]\s{1,3}Status Code:/;
/** aws-sdk-ruby names it in the error's class: `Aws::CloudWatchLogs::Errors::IncompleteSignatureException`. */
const RUBY_SERVICE = /\bAws::([A-Z][A-Za-z0-9]{1,60})::Errors::[A-Z]/;

interface SdkCall {
  service: string;
  operation: string;
}

function goCall(text: string): SdkCall | undefined {
  const m = GO_OPERATION.exec(text);
  return m ? { service: m[1] ?? '', operation: m[2] ?? '' } : undefined;
}

/** SDK service names that are not their endpoint prefix spelled in words. */
const SERVICE_ALIASES: Record<string, string> = {
  'security-token-service': 'sts',
  'security-token': 'sts',
  'identity-management': 'iam',
  'dynamo-dbv2': 'dynamodb',
  'dynamo-db': 'dynamodb',
  'cloud-watch-logs': 'logs',
  'cloud-watch': 'cloudwatch',
  'simple-storage-service': 's3',
  'simple-systems-management': 'ssm',
  'key-management-service': 'kms',
  'simple-notification-service': 'sns',
  'cloud-formation': 'cloudformation',
  'cloud-front': 'cloudfront',
  'cloud-trail': 'cloudtrail',
  'code-build': 'codebuild',
  'code-commit': 'codecommit',
  'code-deploy': 'codedeploy',
  'code-pipeline': 'codepipeline',
  'elastic-beanstalk': 'elasticbeanstalk',
  'elastic-load-balancing': 'elasticloadbalancing',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  'secrets-manager': 'secretsmanager',
  'api-gateway': 'apigateway',
  'event-bridge': 'events',
  'step-functions': 'states',
  sfn: 'states',
  'cognito-identity-provider': 'cognito-idp',
};

/**
 * An SDK's name for a service as the endpoint prefix `service` carries: Go's `Bedrock Runtime` and `EC2`, Java's
 * `AmazonBedrockRuntime`, `BedrockRuntime`, `AWSSecurityTokenService` and `Sts` -> `bedrock-runtime`, `ec2`, `sts`.
 */
export function serviceFromSdkName(name: string): string {
  const words = name
    .trim()
    .replace(/^(?:Amazon|AWS|Aws)(?=[A-Z ])\s?/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[\s_]+/g, '-')
    .toLowerCase();
  return SERVICE_ALIASES[words] ?? words;
}

/** The service as the SDK names it in its error (Go's `operation error EC2:`, Java's `Service: Bedrock`, Ruby's class). */
function sdkServiceSlot(text: string, go: SdkCall | undefined): string | undefined {
  const name = go?.service ?? JAVA_SERVICE.exec(text)?.[1] ?? RUBY_SERVICE.exec(text)?.[1];
  return name?.trim() || undefined;
}
const KNOWN_OPERATION = new RegExp(
  `(?<![A-Za-z0-9])(${KNOWN_OPERATIONS.join('|')})(?:Command|Request|\\(\\))?(?![A-Za-z0-9])`,
);
const CLI_OPERATION =
  /\baws[ \t]{1,4}(?:--[a-z-]{1,30}[ \t]{1,4}\S{1,60}[ \t]{1,4}){0,2}[a-z0-9-]{2,40}[ \t]{1,4}([a-z][a-z0-9-]{2,60})/;
const PATH_OPERATION =
  /\/model\/[^/\s"']{1,300}\/(converse-stream|converse|invoke-with-response-stream|invoke|count-tokens)\b/;
const PATH_OPERATIONS: Record<string, string> = {
  'converse-stream': 'ConverseStream',
  converse: 'Converse',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  invoke: 'InvokeModel',
  'count-tokens': 'CountTokens',
};

function kebabToPascal(name: string): string {
  return name
    .split('-')
    .map((part) => (part ? part[0]?.toUpperCase() + part.slice(1) : ''))
    .join('');
}

/** A CloudTrail event names the call: `"eventName": "InvokeModel"`, `Event name: ConverseStream`. */
const CLOUDTRAIL_EVENT =
  /(?:"eventName"|\beventName|\bEvent name)["'`]?[ \t]{0,3}[:=][ \t]{0,3}["'`]?([A-Z][A-Za-z0-9]{2,80})["'`]?/;

/**
 * An error type followed by the call it answered (`AccessDeniedException calling ListEvents:`, the AgentCore
 * runtime's and several JS wrappers' form), and Bedrock's own "You are not authorized to invoke the Rerank operation".
 */
const EXCEPTION_CALLING = /\b[A-Za-z]{2,60}(?:Exception|Error):?[ \t]{1,3}(?:when )?calling ([A-Z][A-Za-z0-9]{1,80})\b/;
const INVOKE_THE_OPERATION = /\bto invoke the ([A-Z][A-Za-z0-9]{1,80}) operation\b/;

/**
 * The call as client code names it, when no error slot does: Clojure cognitect aws-api's `(aws/invoke client {:op
 * :GetObject ...})`, Elixir ExAws's `ExAws.S3.list_buckets |> ExAws.request`.
 */
const CLOJURE_OP = /(?<![A-Za-z0-9:/_-]):op[ \t]{1,3}:([A-Z][A-Za-z0-9]{1,80})\b/;
const EXAWS_CALL = /\bExAws\.[A-Z][A-Za-z0-9]{1,40}\.([a-z][a-z0-9_]{1,80})\b/;
/**
 * Java SDK v1 stack frames name the client method the call went through: `at com.amazonaws.services.s3.
 * AmazonS3Client.putObject(AmazonS3Client.java:1752)`; the SDK's own plumbing (invoke, execute*, the HTTP client) is
 * not the call.
 */
const JAVA_CLIENT_FRAME = /\.((?:Amazon|AWS)[A-Za-z0-9]{1,60}Client)\.([a-z][A-Za-z0-9]{2,60})\(\1\.java:\d{1,6}\)/g;
const JAVA_PLUMBING = /^(?:invoke|doInvoke|execute[A-Za-z]*|handle[A-Za-z]*|beforeClientExecution|init[A-Za-z]*)$/;

function javaClientMethod(text: string): string | undefined {
  for (const m of limited(text.matchAll(JAVA_CLIENT_FRAME))) {
    if (m[1] === 'AmazonHttpClient' || JAVA_PLUMBING.test(m[2] ?? '')) continue;
    return m[2];
  }
  return undefined;
}

function extractOperation(text: string, go: SdkCall | undefined): string | undefined {
  const botocore = BOTOCORE_OPERATION.exec(text)?.[1];
  if (botocore) return botocore;
  if (go) return go.operation;
  const php = PHP_OPERATION.exec(text)?.[1];
  if (php) return php;
  const rust = RUST_OPERATION.exec(text)?.[1];
  if (rust) return rust;
  const cloudControl = CLOUD_CONTROL_OPERATION.exec(text)?.[1];
  if (cloudControl) return cloudControl;
  const calling = EXCEPTION_CALLING.exec(text)?.[1] ?? INVOKE_THE_OPERATION.exec(text)?.[1];
  if (calling) return calling;
  const event = CLOUDTRAIL_EVENT.exec(text)?.[1];
  if (event) return event;
  const clientCall = CLOJURE_OP.exec(text)?.[1] ?? EXAWS_CALL.exec(text)?.[1];
  if (clientCall) return clientCall;
  const known = KNOWN_OPERATION.exec(text)?.[1];
  if (known) return known;
  const path = PATH_OPERATION.exec(text)?.[1];
  if (path) return PATH_OPERATIONS[path];
  const cli = CLI_OPERATION.exec(text)?.[1];
  if (cli) {
    const pascal = kebabToPascal(cli);
    if (KNOWN_OPERATIONS.includes(pascal)) return pascal;
  }
  return javaClientMethod(text);
}

// ---------------------------------------------------------------- error codes

/** Codes and client-side exception names triage knows; anything else is only taken from a structured position. */
export const KNOWN_ERROR_CODES = [
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  // aws-sdk-go's SSO credential provider (also in Terraform's and Copilot's output).
  'SSOProviderInvalidToken',
  'IncompleteSignatureException',
  'InvalidAccessKeyId',
  'AuthFailure',
  'InvalidToken',
  'ExpiredTokenException',
  'ExpiredToken',
  'RequestExpired',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'AccessDeniedException',
  'AccessDenied',
  'ValidationException',
  'ResourceNotFoundException',
  'RegionDisabledException',
  'OptInRequired',
  'UnauthorizedException',
  'UnauthorizedSSOTokenError',
  'TokenRetrievalError',
  'SSOTokenLoadError',
  'NoCredentialsError',
  'PartialCredentialsError',
  'CredentialsProviderError',
  'NoCredentialProviders',
  'ProfileNotFound',
  'NoRegionError',
  'EndpointConnectionError',
  'UnknownEndpoint',
  'InvalidIdentityToken',
  'IDPCommunicationError',
  'FTUFormNotFilled',
  'BadCScoreException',
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ModelErrorException',
  'InternalServerException',
  'RequestTimeTooSkewed',
  'InvalidAuthenticationToken',
  'UnauthorizedOperation',
  'NotAuthorizedException',
  'AuthorizationError',
  'AuthorizationHeaderMalformed',
  'AccountProblem',
  'InvalidGrantException',
  'TokenRefreshRequired',
  'PendingVerification',
  'SubscriptionRequiredException',
  'AllAccessDisabled',
  'InvalidIdentityPoolConfigurationException',
  // AWS's common error codes of the query protocols (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonErrors.html,
  // https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html) that SDK v2 and CloudFormation print bare
  // (`failed: InternalFailure`). Not ValidationError: pydantic's own exception has that name.
  'InternalFailure',
  'InvalidAction',
  'MissingAction',
  'MalformedQueryString',
  'RequestLimitExceeded',
];
const CODE = '([A-Z][A-Za-z0-9]{2,80})';
const STRUCTURED_CODES: RegExp[] = [
  // Agent runtime codes start lower-case: "An error occurred (accessDeniedException)".
  /An error occurred \(([A-Za-z][A-Za-z0-9]{2,80})\)/,
  // Java's `Error Code: X` (wrapped onto the next line in narrow logs), .NET's `ErrorCode: X`; not a sentence that
  // follows the words ("Actual Error Code:\n\nUnable to locate credentials").
  new RegExp(`Error ?Code:\\s{1,3}${CODE}(?![A-Za-z0-9]| [a-z])`),
  new RegExp(
    // The spaces may be line breaks where a narrow terminal or e-mail wrapped the line; HostID is S3's field.
    `https response error\\s{1,3}StatusCode:\\s{1,3}\\d{3},\\s{1,3}RequestID:\\s{1,3}[A-Za-z0-9-]{0,80},\\s{1,3}(?:HostID:\\s{1,3}[A-Za-z0-9+/=]{0,200},\\s{1,3})?(?:api\\s{1,3}error\\s{1,3})?(?!HostID:)${CODE}:`,
  ),
  new RegExp(`x-amzn-ErrorType["']?[ \\t]{0,3}[:=][ \\t]{0,3}["']?${CODE}`, 'i'),
  new RegExp(`__type["']?[ \\t]{0,3}:[ \\t]{0,3}["'](?:[A-Za-z0-9_.]{0,200}#)?${CODE}`),
  new RegExp(`<Code>${CODE}</Code>`),
  new RegExp(`code: Some\\("${CODE}"\\)`),
  new RegExp(`unhandled error \\(${CODE}\\)`),
  /\b\d{3} \(([a-z][A-Za-z0-9]{2,80}(?:Exception|Error))\)/,
  // s3cmd and other S3 tools: `S3 error: 403 (SignatureDoesNotMatch): ...`, `400 (InvalidRequest)`.
  /\b[45]\d\d \(([A-Z][A-Za-z0-9]{2,80})\)/,
  // PHP's S3 class and other thin clients bracket the code: `S3::putObject(): [InvalidRequest] The authorization ...`.
  // Not a logger's level in brackets (`2018-03-29T22:08:26Z [Error] Sending ...`).
  /\[(?!(?:Error|Warn|Warning|Info|Debug|Trace|Fatal|Critical|Notice|Alert|Emergency|Err|Crit)\])([A-Z][A-Za-z0-9]{2,80})\] (?=[A-Z])/,
  // CloudFormation and Cloud Control name the code quoted: `operation CREATE failed with "InvalidRequest": ...`.
  new RegExp(`\\bfailed with "${CODE}":`),
  // Ruby: `Aws::BedrockRuntime::Errors::AccessDeniedException`; PHP: `AccessDeniedException (client): ...`.
  new RegExp(`::Errors::${CODE}(?![A-Za-z0-9])`),
  new RegExp(`(?<![A-Za-z0-9.\\\\])${CODE} \\((?:client|server)\\):`),
  // Haskell's amazonka shows its ServiceError record: `_serviceCode = ErrorCode "InvalidSignature"`.
  new RegExp(`\\bErrorCode "${CODE}"`),
];
/**
 * JS SDKs and Go v1 print `<Code>: <message>` at the start of a line. An SDK's or language's own wrapper class
 * (`BedrockRuntimeServiceException`, `SdkClientException`, `CompletionException`...) is not an AWS error code.
 */
const LINE_START_CODE = /(?:^|\n)[ \t>]{0,8}(?:Error: |Uncaught )?([A-Z][A-Za-z0-9]{2,80}Exception):[ \t]/;
/**
 * Java prints the exception's full class name first: `com.amazon.awsrequestauth.exception.XException: message`; not
 * the AWS SDKs' own classes (`software.amazon.awssdk.services.sts.model.StsException`), whose code is in a slot, nor
 * a wrapper whose message is the next class name.
 */
const JAVA_CLASS_CODE =
  /(?:^|\n)[ \t>]{0,8}(?!software\.amazon\.awssdk\.|com\.amazonaws\.)(?:[a-z][a-z0-9_]{0,40}\.){2,12}([A-Z][A-Za-z0-9]{2,80}Exception):[ \t](?![a-z][a-z0-9_]{0,40}\.[a-z])/;
/**
 * The same `<Code>: <message>` at the end of a chain of wrapped Go errors, as Terraform and Go tools print them:
 * `deploying: us-west-2: updating function config: InvalidParameterValueException: The role defined ...`.
 */
const CHAINED_CODE = /[a-z)\]]: ([A-Z][A-Za-z0-9]{2,80}Exception): (?=[A-Z])/;
/** EC2's account answers as tools print them, code first: "Blocked - This account is currently blocked ...". */
const ACCOUNT_CODE_LINE = /(?:^|\n)[ \t>]{0,8}(Blocked|PendingVerification)(?: - |: | — )[^\n]{0,80}\baccount\b/;
const WRAPPER_CLASS =
  /(?:Service|Sdk|SdkClient|AwsService|Client|Runtime|Completion|Execution|IllegalArgument|IllegalState|NullPointer|IO|Timeout|Unhandled|Unknown|Generic|Http|Provider\w*)Exception$/;
const KEYED_CODE =
  /["']?(?:code|Code|errorCode|error_code|errorType|name)["']?[ \t]{0,3}[:=][ \t]{0,3}["']([A-Z][A-Za-z0-9]{2,80})["']/g;
const KNOWN_CODE = new RegExp(`(?<![A-Za-z0-9])(${KNOWN_ERROR_CODES.join('|')})(?![A-Za-z0-9])`);
const CODE_SHAPE =
  /(?:Exception|Error|Fault|Denied|Expired|Invalid|Mismatch|NotFound|Required)$|^Invalid|^Expired|^Access/;

/** botocore, Java and Go print the code in a fixed slot; other slots must also look like a code. */
const DEFINITIVE_SLOTS = 3;

function extractErrorCode(text: string): string | undefined {
  for (const [index, pattern] of STRUCTURED_CODES.entries()) {
    const code = pattern.exec(text)?.[1];
    if (code && (index < DEFINITIVE_SLOTS || KNOWN_ERROR_CODES.includes(code) || CODE_SHAPE.test(code))) return code;
  }
  for (const m of limited(text.matchAll(KEYED_CODE))) {
    const code = m[1] ?? '';
    if (KNOWN_ERROR_CODES.includes(code) || CODE_SHAPE.test(code)) {
      if (code !== 'Error') return code;
    }
  }
  const account = ACCOUNT_CODE_LINE.exec(text)?.[1];
  if (account) return account;
  const lineStart = LINE_START_CODE.exec(text)?.[1] ?? JAVA_CLASS_CODE.exec(text)?.[1];
  if (lineStart && !WRAPPER_CLASS.test(lineStart)) return lineStart;
  const chained = CHAINED_CODE.exec(text)?.[1];
  if (chained && !WRAPPER_CLASS.test(chained)) return chained;
  return KNOWN_CODE.exec(text)?.[1];
}

// ---------------------------------------------------------------- request id, HTTP status, service

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A request id cut short by the person pasting it, keeping its last groups: `a4d8-4055-9449-4421a5c67f48`. */
const CUT_UUID = '[0-9a-fA-F]{4,8}(?:-[0-9a-fA-F]{4,12}){2,4}';
/**
 * A request id follows its key with only punctuation and white space between: `RequestId: x`, `"requestId":"x"`,
 * Java's line-wrapped `Request ID:\nx`, Erlang's `{<<"x-amzn-RequestId">>,\n  <<"x">>}`.
 * PynamoDB's `An error occurred (X) on request (x) on table (t) when calling the Y operation`.
 * `Extended Request ID` (S3's host id) is another value. Anthropic's ids are `req_` then letters and digits.
 */
const REQUEST_ID = new RegExp(
  `(?<!Extended[ _-]?)(?:x-amzn-RequestId|x-amz-request-id|aws_request_id|RequestId|Request[ _-]?ID|request[ _-]id|requestId|on request(?=[ \\t]?\\())[\\s"'<>:=,()[\\]{}|]{0,24}(${UUID}|[0-9A-Z]{16,32}|req_[A-Za-z0-9]{16,64}|${CUT_UUID}|[A-Za-z0-9]{20,64})(?![A-Za-z0-9-])`,
  'gi',
);

const WHOLE_UUID = new RegExp(`^${UUID}$`);
const WHOLE_CUT_UUID = new RegExp(`^${CUT_UUID}$`);

function extractRequestId(text: string): string | undefined {
  for (const m of limited(text.matchAll(REQUEST_ID))) {
    const id = m[1] ?? '';
    if (WHOLE_UUID.test(id)) return id;
    // Anthropic's request ids (Claude on Bedrock's Anthropic-compatible endpoints, the agents printing them).
    if (/^req_[A-Za-z0-9]{16,64}$/.test(id)) return id;
    if (WHOLE_CUT_UUID.test(id) && /[a-f]/i.test(id) && /\d/.test(id)) return id;
    // S3-style ids are upper-case hex; other long ids must mix letters and digits to not be a word.
    // S3's are 16 upper-case letters and digits (Y45095KT8PN4FZ82); pastes show a few longer.
    if (/^[0-9A-F]{16,32}$/.test(id) || (/[0-9]/.test(id) && /[A-Za-z]/.test(id) && id.length >= 20)) return id;
    if (/^[0-9A-Z]{16,20}$/.test(id) && /[0-9]/.test(id) && /[A-Z]/.test(id)) return id;
  }
  return undefined;
}

const STATUS_PATTERNS: RegExp[] = [
  /(?:status[ _-]?code|httpStatusCode|HTTPStatusCode|http_status|statusCode|failureCode)["'\]]?[ \t]{0,3}[:=(][ \t]{0,3}["']?(\d{3})\b/i,
  /StatusCode\((\d{3})\)/,
  /http_status_(\d{3})\b/,
  /HTTP\/\d(?:\.\d)?"?[ \t]{1,3}(\d{3})\b/,
  /["']status["'][ \t]{0,3}:[ \t]{0,3}(\d{3})\b/,
  /\b(?:Error code|API Error|Request Failed|PermissionDeniedError|AuthenticationError|BadRequestError|NotFoundError|Error|HTTP)["']?[ \t]{0,3}:?\s{0,3}(\d{3})\b(?![.:\d])/,
  // The reason phrase after the status, also .NET's `(403) Forbidden` and Go's `400 (request "Bad Request")`.
  /\b(\d{3})\)?[ \t]{1,3}(?:\(request "?)?(?:Forbidden|Bad Request|Unauthorized|Not Found|Too Many Requests)\b/,
  // A status then its quoted reason phrase, in a tuple or list: erlcloud's `{http_error,403,"Forbidden",...}`.
  /\b([45]\d\d),[ \t]{0,3}["'](?:Forbidden|Bad Request|Unauthorized|Not Found|Too Many Requests)["']/,
  // botocore when the response had no error code (HeadBucket, HeadObject): "An error occurred (403) when calling".
  /\bAn error occurred \(([45]\d\d)\) when calling\b/,
  // Elixir's and Erlang's error tuples: ex_aws's `{:http_error, 403, "<?xml ...`.
  /\bhttp_error,[ \t]{0,3}([45]\d\d),/,
  // A status then the quoted message (a phrase, not one quoted name): `403 "Authorization header is missing"`.
  /\b([45]\d\d)[ \t]{1,3}["“][A-Z][a-z]{1,30} [a-z]{2,30}/,
  // Erlang's response tuple: `{403, [{<<"Date">>, ...`.
  /\{(\d{3}),\s{0,40}\[\{/,
  // Claude Code and other agents: "API Error (403 The security token ...)", "API Error (model-id): 400 The ...".
  /\bAPI Error \((?:[^()\n]{1,160}\): )?(\d{3})\b/i,
  // A status right before an AWS error code: "403 InvalidClientTokenId", "403 (InvalidAccessKeyId)".
  /\b(\d{3})[ \t]{1,3}\(?[A-Z][a-z][A-Za-z]{2,60}(?:Exception|Error|Denied|TokenId|KeyId|Skewed|Expired|Signature|Failure|Match|Request)\b/,
  // A status right before AWS's own sentence: "mode: 403 The security token included in the request is invalid".
  /\b([45]\d\d)[ \t]{1,3}(?=The (?:security token included|request signature we calculated|AWS Access Key Id you provided|provided token)|User: arn:|You don't have access to the model)/,
  // After words that introduce a status: "status of 403", "HTTP Status: 403", "API returned 400", "failed: 403".
  /\b(?:status(?: code)?(?: of)?|http status|http|error|upstream|returned|fail(?:s|ed)?(?: with)?(?: status)?|client error|api error)[ \t]{0,3}:?[ \t]{1,3}(\d{3})\b(?!\.?\d)/i,
  // Exception name then status: "AccessDeniedException: 403".
  /\b[A-Z][A-Za-z]{2,60}(?:Exception|Error):[ \t]{1,3}(\d{3})\b/,
  // JSON error bodies with the status as the code, a string or a number: "code": "403", "code": 403.
  /["']code["'][ \t]{0,3}:[ \t]{0,3}["']?(\d{3})(?![\d.])/,
  // Prose: "I get a 403.", "it returned 403 when", "received an HTTP 401 from", not "get 403 tickets".
  /\b(?:got|gets?|getting|received?|receiving|returns?|returning|throws?|throwing|gives?|giving)(?: back)?(?: an?| the)?(?: HTTP| http)?[ \t]{1,3}(\d{3})(?=[ \t]{0,3}(?:$|[.,;:!)\]\n`'"]|(?:error|response|status|code|from|when|on|with|back|for|forbidden|unauthorized|bad request)\b))/i,
  // "a 403 error", "the 400 response".
  /\b(?:an?|the)[ \t]{1,3}(\d{3})[ \t-]{1,3}(?:error|response|status)\b/i,
  // A status opening a line, then the message: "400 {...}", "403 Model access is denied", "401 - {...}", "403 – ...".
  /(?:^|\n)[ \t>⎿|]{0,8}(\d{3})[ \t]{1,3}(?=[{[("'A-Z]|- |— |– )/,
  // A status in brackets before the body or message: fluentd's and Ruby clients' "[403] {\"message\": ...".
  /\[([45]\d\d)\][ \t]{0,3}(?=[{"'A-Z])/,
  // A status opening a line with a colon, then the client's exception: "400: litellm.BadRequestError: ...".
  // Also after a reprex's or a console's output marker: "#> 404: The model ... does not exist".
  /(?:^|\n)[ \t]{0,8}(?:#>|>)?[ \t]{0,3}([45]\d\d):[ \t]{1,3}(?=[A-Za-z{])/,
  // Anthropic's error types, which Bedrock's Anthropic-compatible endpoints and their clients print after the status.
  /\b(\d{3})[ \t]{1,3}(?:permission_error|authentication_error|invalid_request_error|not_found_error)\b/,
  // A 4xx/5xx closing a line or a phrase, then the JSON error body: "falling back to non-streaming mode: 403\n{"Message":".
  /(?:^|[\s:(])([45]\d\d)[ \t]{0,3}(?:\r?\n[ \t]{0,12})?\{[ \t]{0,2}["'](?:message|error|__type|code|errors)["']/i,
  // Python requests' raise_for_status(): "401 Client Error: Unauthorized for url: https://...".
  /\b([45]\d\d) (?:Client|Server) Error\b/,
  // The Kinesis Producer Library's failed attempts: "Delay after prev attempt: 1508 ms, Duration: 4 ms, Code: 400,
  // Message: {...}".
  /\bCode:[ \t]{1,3}([45]\d\d),[ \t]{1,3}Message:/,
];

/** .NET names `HttpStatusCode`: `Error making request with Error Code X and Http Status Code Forbidden`, `StatusCode: Forbidden`. */
const NAMED_STATUS =
  /\b(?:Http Status Code|HttpStatusCode|StatusCode)[ \t]{0,3}[:=]?[ \t]{0,3}(BadRequest|Unauthorized|Forbidden|NotFound|TooManyRequests|InternalServerError|ServiceUnavailable)\b/;
const STATUS_BY_NAME: Record<string, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
};

/** S3's redirects for a bucket addressed through another region's endpoint (PermanentRedirect, TemporaryRedirect). */
const REDIRECT_STATUSES = [301, 307];

/**
 * A bare 4xx/5xx standing alone in an AWS error's text (`Bedrock 403 - InvalidClientTokenId`, `-> 403 {...}`): not
 * part of a number, a version, a path's line (`json.js:403:27`), a list or a footnote, nor a count of something.
 */
const LONE_STATUS =
  /(?<![\w.:/#$,[\]-])(?<!line |port |v)(4(?:0\d|1\d|2[0-9]|3\d|4\d|5[01])|50[0-4])(?![\w.:,\]/-])(?![ \t]{0,2}(?:ms|s|sec|seconds?|bytes?|kb|mb|gb|%|px|lines?|tokens?|chars?|characters|items?|times|records|files|rows|tickets|errors? (?:in|of)|requests? (?:in|per))\b)/gi;

function extractHttpStatus(text: string, errorCode: string | undefined): number | undefined {
  let redirect: number | undefined;
  for (const pattern of STATUS_PATTERNS) {
    const code = Number(pattern.exec(text)?.[1]);
    if ((code >= 400 && code <= 451) || (code >= 500 && code <= 504)) return code;
    if (redirect === undefined && REDIRECT_STATUSES.includes(code)) redirect = code;
  }
  const named = NAMED_STATUS.exec(text)?.[1];
  if (named) return STATUS_BY_NAME[named];
  if (redirect !== undefined) return redirect;
  // Only next to an AWS error code (the status the error came with), and only when one such number is in the text.
  if (!errorCode) return undefined;
  const lone = onlyOne([...limited(text.matchAll(LONE_STATUS))].map((m) => m[1] ?? ''));
  return lone ? Number(lone) : undefined;
}

const SERVICE_BY_OPERATION: Record<string, string> = {
  InvokeModel: 'bedrock-runtime',
  InvokeModelWithResponseStream: 'bedrock-runtime',
  InvokeModelWithBidirectionalStream: 'bedrock-runtime',
  Converse: 'bedrock-runtime',
  ConverseStream: 'bedrock-runtime',
  CountTokens: 'bedrock-runtime',
  ApplyGuardrail: 'bedrock-runtime',
  StartAsyncInvoke: 'bedrock-runtime',
  InvokeAgent: 'bedrock-agent-runtime',
  InvokeInlineAgent: 'bedrock-agent-runtime',
  RetrieveAndGenerate: 'bedrock-agent-runtime',
  ListFoundationModels: 'bedrock',
  GetFoundationModel: 'bedrock',
  GetFoundationModelAvailability: 'bedrock',
  ListInferenceProfiles: 'bedrock',
  GetInferenceProfile: 'bedrock',
  CreateModelInvocationJob: 'bedrock',
  PutUseCaseForModelAccess: 'bedrock',
  GetCallerIdentity: 'sts',
  AssumeRole: 'sts',
  AssumeRoleWithWebIdentity: 'sts',
  AssumeRoleWithSAML: 'sts',
  GetSessionToken: 'sts',
  GetAccessKeyInfo: 'sts',
  GetRoleCredentials: 'sso',
  CreateAccessKey: 'iam',
  DeleteAccessKey: 'iam',
  UpdateAccessKey: 'iam',
  ListAccessKeys: 'iam',
  GetAccessKeyLastUsed: 'iam',
  SimulatePrincipalPolicy: 'iam',
  DescribeInstances: 'ec2',
  DescribeRegions: 'ec2',
  ListObjectsV2: 's3',
  GetObject: 's3',
  PutObject: 's3',
};

// After the key id in `Credential=AKIA.../20150620/...`, or on a line of its own in the String-to-Sign AWS quotes.
const CREDENTIAL_SCOPE_SERVICE = new RegExp(
  `(?:\\/|(?<![A-Za-z0-9/_.-]))\\d{8}\\/${REGION_CODE_PATTERN}\\/([a-z0-9-]{2,40})\\/aws4_request\\b`,
);

/** The service field of the resource ARN a denial names (`on resource: arn:aws:ssm:us-east-1:...`). */
const DENIED_RESOURCE_SERVICE = /\bon resource:?\s{0,3}"?arn:[a-z-]{1,20}:([a-z0-9-]{1,40}):/;

/** A denial's resource given as a path, not an ARN: `on resource: model/model-dev-...`. */
const RELATIVE_RESOURCE = /\bon resource:?\s{0,3}"?(?!arn:)[a-z][a-z0-9-]{1,40}\/[^\s"]/i;

const REGION_LABEL = new RegExp(`^${REGION_CODE_PATTERN}$`);
const SERVICE_LABEL = /^[a-z][a-z0-9-]{1,40}$/;
/** Endpoint prefixes that are not the service's code (AWS's service endpoints pages): SES is `email.REGION...`. */
const ENDPOINT_PREFIX_SERVICE: Readonly<Record<string, string>> = { email: 'ses', monitoring: 'cloudwatch' };
/** An AWS CLI command line: `$ aws s3 ls`, `aws support describe-cases --region us-east-1`. */
const CLI_SERVICE = /(?:^|[\s`'"$>(])aws[ \t]+([a-z][a-z0-9-]{1,40})[ \t]+[a-z][a-z0-9-]{1,60}(?=[\s`'")]|$)/gm;
/** First words of the AWS CLI that are not services. */
const CLI_NOT_A_SERVICE: ReadonlySet<string> = new Set(['configure', 'help', 'history', 'cli', 'login']);
/** A Python SDK client or resource: `boto3.client('ec2', region_name=...)`, `session.resource("s3")`. */
const SDK_CLIENT_SERVICE =
  /\b(?:boto3|session|botocore|aioboto3|\w*session)\.(?:client|resource|create_client)\([ \t]{0,3}(?:service_name[ \t]{0,2}=[ \t]{0,2})?['"]([a-z][a-z0-9-]{1,40})['"]/gi;

function onlyOne(values: readonly string[]): string | undefined {
  const distinct = new Set(values);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

function extractService(
  text: string,
  host: string | undefined,
  operation: string | undefined,
  slot: string | undefined,
  action: string | undefined,
): string | undefined {
  if (slot) return slot;
  if (host) {
    const name = host.split('.')[0] ?? '';
    if (name.startsWith('bedrock-runtime')) return 'bedrock-runtime';
    if (name.startsWith('bedrock-agent-runtime')) return 'bedrock-agent-runtime';
    if (name.startsWith('bedrock')) return 'bedrock';
    if (/^(?:sts|iam|ec2|s3|sso|portal)/.test(name)) return name.replace(/-fips$/, '');
    // A virtual-hosted S3 URL puts the bucket first: `my-bucket.s3.us-east-2.amazonaws.com`.
    if (/\.s3(?:-fips)?\./.test(host)) return 's3';
    // Any other service's regional endpoint names it right before the region: `route53domains.us-east-2...`,
    // `runtime.sagemaker.us-east-1...` (not a VPC endpoint's own id, `vpce-0a1b...`).
    const labels = host.split('.');
    const regionAt = labels.findIndex((l) => REGION_LABEL.test(l));
    const label = regionAt > 0 ? labels[regionAt - 1] : undefined;
    // A label that merely contains "s3" is a bucket's or an S3-compatible host's (`data.example-s3.eu-west-1...`).
    const bucketLike = label !== undefined && label.includes('s3') && !label.startsWith('s3');
    if (label && SERVICE_LABEL.test(label) && !label.startsWith('vpce-') && !bucketLike) {
      const name = label.replace(/-fips$/, '');
      return ENDPOINT_PREFIX_SERVICE[name] ?? name;
    }
  }
  // The SigV4 credential scope names the signing service: `20150620/us-east-1/cloudformation/aws4_request`.
  const scope = CREDENTIAL_SCOPE_SERVICE.exec(text)?.[1];
  if (scope) return scope;
  if (operation && SERVICE_BY_OPERATION[operation]) return SERVICE_BY_OPERATION[operation];
  // The denied action is the call itself (`bedrock-agentcore:InvokeAgentRuntime` for InvokeAgentRuntime): its prefix
  // is the service. Not `bedrock:`, which IAM uses for the control plane and both runtimes alike.
  const [prefix, actionName] = action?.split(':') ?? [];
  if (prefix && prefix !== 'bedrock' && operation && actionName === operation) return prefix;
  // With no operation named, a denied action on a resource of its own service (`ssm:PutParameter on resource:
  // arn:aws:ssm:...`) is that service's answer; not iam:PassRole or kms:, which another service checks for its call.
  // A resource named by its path alone (`on resource: model/my-model`) is of the action's own service too.
  if (prefix && prefix !== 'bedrock' && prefix !== 'kms' && action !== 'iam:PassRole' && !operation) {
    if (DENIED_RESOURCE_SERVICE.exec(text)?.[1] === prefix) return prefix;
    if (RELATIVE_RESOURCE.test(text)) return prefix;
  }
  // The call as the person typed it: `aws route53domains list-domains`, `boto3.client('ec2', ...)`, when the text
  // names one service that way (a paste that also ran `aws sts get-caller-identity` names two, and says nothing).
  const typed = onlyOne(
    [...limited(text.matchAll(CLI_SERVICE))].map((m) => m[1] ?? '').filter((name) => !CLI_NOT_A_SERVICE.has(name)),
  );
  if (typed) return typed;
  const client = onlyOne([...limited(text.matchAll(SDK_CLIENT_SERVICE))].map((m) => m[1] ?? ''));
  if (client) return client;
  if (/Bedrock ?Runtime|client-bedrock-runtime|bedrock-runtime|bedrockruntime/i.test(text)) return 'bedrock-runtime';
  if (/AWSSecurityTokenService|operation error STS|\bsts\.amazonaws\.com|client-sts/i.test(text)) return 'sts';
  if (
    /BedrockException|Error raised by bedrock service|@ai-sdk\/amazon-bedrock|AnthropicBedrock|bedrock\//i.test(text)
  ) {
    return 'bedrock-runtime';
  }
  return proseService(text);
}

// ---------------------------------------------------------------- all together

export function extractEntities(text: string, tools: ToolOutputs): EntityFacts {
  const arns = parseArns(text);
  const principals = arns.filter(isPrincipalArn);
  const deniedSubject = principals.find((arn) =>
    /User:\s{0,3}$/.test(text.slice(Math.max(0, arn.index - 12), arn.index)),
  );
  const identityArn = tools.callerIdentity?.arn
    ? principals.find((p) => p.raw === tools.callerIdentity?.arn)
    : undefined;
  const principal = deniedSubject ?? identityArn ?? principals[0];

  const keys = extractAccessKeys(text);
  const regionInfo = extractRegions(text, arns, tools);
  const accounts = extractAccounts(text, arns, principal, tools);
  const { action: iamAction, actions } = extractAction(text);
  const go = goCall(text);
  const operation = extractOperation(text, go);

  const entities: Entities = {};
  const keyId = keys.preferred;
  if (keyId) {
    entities.accessKeyId = keyId;
    entities.accessKeyType = accessKeyType(keyId);
    const owner = decodeKeyAccount(keyId);
    if (owner) entities.keyAccountId = owner;
  }
  if (accounts.value) entities.accountId = accounts.value;
  if (regionInfo.region) entities.region = regionInfo.region;
  const modelId = extractModelId(text, arns);
  if (modelId) entities.modelId = modelId;
  const action = iamAction ?? operation;
  if (action) entities.action = action;
  if (principal) entities.principalArn = principal.raw;
  const requestId = extractRequestId(text);
  if (requestId) entities.requestId = requestId;
  const errorCode = extractErrorCode(text);
  if (errorCode) entities.errorCode = errorCode;
  if (operation) entities.operation = operation;
  const service = extractService(text, regionInfo.host, operation, sdkServiceSlot(text, go), iamAction);
  if (service) entities.service = service;
  const httpStatus = extractHttpStatus(text, errorCode);
  if (httpStatus !== undefined) entities.httpStatus = httpStatus;
  const denying = findDenyingPolicy(text);
  if (denying?.explicit) {
    entities.denyingPolicyType = denying.type;
    if (denying.arn) entities.denyingPolicyArn = denying.arn;
  }
  const seenAt = latestPasteTime(text);
  if (seenAt !== undefined) entities.errorTime = new Date(seenAt).toISOString();

  return {
    entities,
    arns,
    principal,
    accessKeyIds: keys.ids,
    uniqueIds: unique([...limited(text.matchAll(UNIQUE_ID_IN_TEXT))].map((m) => m[1] ?? '')),
    regions: regionInfo.regions,
    unknownRegions: regionInfo.unknown,
    workingRegions: regionInfo.working,
    accounts: accounts.distinct,
    actions,
    host: regionInfo.host,
  };
}
