/**
 * Signals: the structured observations scoring works from. Message families (what AWS or the client said) and
 * context signals (key prefix, session token, region, tool output, runtime, what the person wrote about it), each
 * with the evidence seen in this text, worded for the person. Detection is phrase lookup on the flattened lower-case
 * text plus bounded regular expressions; nothing here backtracks.
 */
import { isAccountId } from '../aws-facts/account-ids.js';
import { hasGeoPrefix, splitInferenceProfileId } from '../aws-facts/models.js';
import { bedrockOffered, isKnownRegion, isOptInRegion, isRegionCode, regionInfo } from '../aws-facts/regions.js';
import type { SecretKinds } from '../secrets.js';
import { type EntityFacts, otherCallerAccounts } from './entities.js';
import type { FamilyId } from './families/index.js';
import type { NormalizedText } from './normalize.js';
import { clip, sentenceAround } from './quote.js';
import type { ContextSignalId } from './rules.js';
import { detectFamilies, hasWord } from './signals/families.js';
import { isPresentValue, type ToolOutputs } from './tool-output.js';

export type Signal =
  | { kind: 'family'; id: FamilyId; evidence: string }
  | { kind: 'context'; id: ContextSignalId; evidence: string };

/** What was learned about the session token, for signals and findings. */
export interface SessionTokenFacts {
  present: boolean;
  /** Where it was seen, for explanations. */
  where?: string;
  /** The text shows the credentials the client used and no token among them. */
  absent: boolean;
  absentWhere?: string;
  /** Length of the token value when it was pasted (v1 global-endpoint tokens are ~360 chars, v2 ~750). */
  length?: number;
}

export interface SkewFacts {
  /** Positive: the request was signed before AWS's time (client clock behind or request sent late). */
  seconds: number;
  signedAt: string;
  awsTime: string;
}

export interface SignalInput {
  norm: NormalizedText;
  /** The normalized text before secrets were scrubbed: only lengths are read from it, never values. */
  unscrubbed: string;
  facts: EntityFacts;
  tools: ToolOutputs;
  secrets: SecretKinds;
}

export interface SignalResult {
  signals: Signal[];
  token: SessionTokenFacts;
  skew?: SkewFacts;
  keyKind?: 'long_term' | 'temporary';
  families: Set<FamilyId>;
  /** Who sent an error that did not come from AWS (another provider, a proxy), when the text shows one. */
  senders: string[];
}

// ---------------------------------------------------------------- session token, key kind

const TOKEN_HEADER = /x-amz-security-token/i;
const TOKEN_PROSE =
  /\b(?:has|have|had|with|plus|also|still|leftover|stale|old|exported|set)\b[^.\n]{0,24}\baws_session_token\b|\baws_session_token\b[^.\n]{0,24}\b(?:is |was )?(?:set|present|exported|defined|injected|leftover)\b/i;
const TOKEN_ABSENT_PROSE =
  /\bwithout (?:a |the |its |any )?(?:aws_)?session[ _]token\b|\bno session[ _]token\b|\bsession[ _]token (?:is |was )?(?:missing|not set|empty|not passed|dropped|not sent)\b/i;
const TOKEN_VALUE =
  /(?:aws_session_token|sessiontoken|aws_security_token|x-amz-security-token)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?([A-Za-z0-9/+=%]{100,8192})/i;
const KEY_KWARG = /\b(?:aws_access_key_id|accesskeyid|aws_access_key|access_key_id)\b/i;
const SECRET_KWARG = /\b(?:aws_secret_access_key|secretaccesskey|aws_secret_key|secret_access_key)\b/i;
const TOKEN_WORD = /session_?token|security_?token|x-amz-security-token|sessiontoken/i;

function sessionTokenFacts(input: SignalInput): SessionTokenFacts {
  const { norm, tools, secrets } = input;
  const vars = tools.credentials.vars;
  const tokenVar = vars.get('AWS_SESSION_TOKEN') ?? vars.get('AWS_SECURITY_TOKEN');
  const facts: SessionTokenFacts = { present: false, absent: false };
  const length = TOKEN_VALUE.exec(input.unscrubbed)?.[1]?.length;
  if (length !== undefined) facts.length = length;
  if (isPresentValue(tokenVar)) {
    facts.present = true;
    facts.where = 'AWS_SESSION_TOKEN is set in the pasted environment/credentials';
  } else if (secrets.sessionToken) {
    facts.present = true;
    facts.where = 'a session token value is in the text';
  } else if (TOKEN_HEADER.test(norm.text)) {
    facts.present = true;
    facts.where = 'the request carries an x-amz-security-token';
  } else if (TOKEN_PROSE.test(norm.flat)) {
    facts.present = true;
    facts.where = 'the text says AWS_SESSION_TOKEN is set';
  }
  if (facts.present) return facts;
  const listedKey = vars.has('AWS_ACCESS_KEY_ID');
  if (tokenVar !== undefined && !isPresentValue(tokenVar)) {
    facts.absent = true;
    facts.absentWhere = 'AWS_SESSION_TOKEN is empty';
  } else if (tools.credentials.listing && listedKey) {
    facts.absent = true;
    facts.absentWhere = 'the pasted credentials have an access key and a secret but no session token';
  } else if (KEY_KWARG.test(norm.flat) && SECRET_KWARG.test(norm.flat) && !TOKEN_WORD.test(norm.flat)) {
    facts.absent = true;
    facts.absentWhere = 'the client is given an access key and a secret but no session token';
  } else if (TOKEN_ABSENT_PROSE.test(norm.flat)) {
    facts.absent = true;
    facts.absentWhere = 'the text says no session token is passed';
  }
  return facts;
}

function keyKindOf(input: SignalInput): { kind?: 'long_term' | 'temporary'; label: string } {
  const { entities } = input.facts;
  if (entities.accessKeyType === 'long_term') return { kind: 'long_term', label: `access key ${entities.accessKeyId}` };
  if (entities.accessKeyType === 'temporary') return { kind: 'temporary', label: `access key ${entities.accessKeyId}` };
  if (
    /(?<![A-Za-z0-9])AKIA(?![A-Z0-9])|\blong[- ]term (?:access )?(?:keys?|credentials)\b|\b(?:iam )?user (?:access )?keys?\b/i.test(
      input.norm.flat,
    )
  ) {
    return { kind: 'long_term', label: 'the long-term (AKIA) key the text describes' };
  }
  if (/(?<![A-Za-z0-9])ASIA(?![A-Z0-9])/.test(input.norm.flat)) {
    return { kind: 'temporary', label: 'the temporary (ASIA) key the text describes' };
  }
  return { label: '' };
}

// ---------------------------------------------------------------- clock skew

const SIGNATURE_EXPIRED =
  /signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.?\)/i;
const SIGNATURE_NOT_YET =
  /signature not yet current: (\d{8}T\d{6}Z) is still later than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) \+ 5 min\.?\)/i;

function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function measureSkew(flat: string): SkewFacts | undefined {
  const expired = SIGNATURE_EXPIRED.exec(flat);
  const early = expired ?? SIGNATURE_NOT_YET.exec(flat);
  if (!early) return undefined;
  const signedAt = early[1] ?? '';
  const awsTime = early[3] ?? '';
  const seconds = (parseAmzDate(awsTime) - parseAmzDate(signedAt)) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return { seconds, signedAt, awsTime };
}

// ---------------------------------------------------------------- context phrases

const KEY_JUST_CREATED = [
  /\b(?:just|newly|freshly|recently) (?:created|generated|issued|rotated)\b/i,
  /\bcreated (?:a |the |my )?new (?:access |iam )?key/i,
  /\bcreate-access-key\b/i,
  /\bCreateAccessKey\b/,
  /\baws_iam_access_key\b/,
  /\b(?:creates?|creating) (?:a |an |the )?(?:new )?(?:iam )?(?:access )?key\b/i,
  /\b(?:right|immediately|seconds?) after (?:creating|generating|rotating|creation|rotation|the key was created)/i,
  /\bsame second\b/i,
];
/** The same call succeeds when simply run again (IAM is eventually consistent: a new key or user propagates). */
const WORKS_ON_RETRY =
  /\b(?:next|second|another|subsequent) (?:run|apply|attempt|try|deploy|deployment|call|invocation)s?\b[^.\n]{0,60}\b(?:works?|worked|succeeds?|succeeded|pass(?:es|ed)?)\b|\b(?:works?|worked|succeeds?|succeeded) (?:on|after|when|if) (?:a |the |i )?(?:retry|retrying|re-?run(?:ning)?|second (?:run|attempt|try)|a few seconds|some seconds|a (?:short )?delay|waiting|wait)\b|\b(?:add(?:ing|ed)?|with) (?:a )?\d{1,3}[- ]?(?:s|sec|secs|second|seconds) (?:delay|sleep|wait)\b/i;
/** Whether a cross-region profile of this geography can be called from the region (`global.` from any). */
function profileGeoFits(geo: string, region: string): boolean {
  if (geo === 'global') return true;
  if (geo === 'us-gov') return region.startsWith('us-gov-');
  if (geo === 'us') return region.startsWith('us-') && !region.startsWith('us-gov-');
  if (geo === 'eu') return region.startsWith('eu-');
  if (geo === 'ca') return region.startsWith('ca-');
  return region.startsWith('ap-');
}

/** Prose about another partition: GovCloud or China keys are unknown in the commercial partition and back. */
const PARTITION_PROSE = /\bgovcloud\b|\baws-us-gov\b|\baws-cn\b|\bchina (?:region|partition)s?\b/i;
const KEY_DISABLED =
  /\bkeys?\b[^.\n]{0,40}\b(?:deactivated|disabled|inactive)\b|\b(?:deactivated|disabled)\b[^.\n]{0,40}\bkeys?\b/i;
/** The person reports the key's status as shown by IAM ("Status: Inactive", "shows as Inactive"). */
const KEY_STATUS_PROSE = /\bstatus:? ["']?inactive\b|\b(?:shows|shown|listed|marked) (?:as )?["']?inactive\b/i;
const KEY_DELETED =
  /\b(?:deleted|removed|rotated|revoked|replaced)\b[^.\n]{0,40}\b(?:keys?|users?|credentials)\b|\b(?:keys?|users?|credentials)\b[^.\n]{0,30}\b(?:was |were |is |got |has been )?(?:deleted|rotated|removed|revoked|gone|recreated)\b|\bold (?:access )?keys?\b|\btypo\b|\bmistyped\b|\btyped\b[^.\n]{0,40}\bby hand\b/i;
const ENV_MENTION =
  /\benv(?:ironment)? var(?:iable)?s?\b|\bfrom (?:the )?env(?:ironment)?\b|\bcredential env\b|\bin the environment\b|\benv vars?\b|(?<![A-Za-z0-9])\.env\b|\bdotenv\b|\b(?:loads?|loaded|exports?|exported|sets?) AWS_ACCESS_KEY_ID\b|found credentials in environment variables/i;
const UNINTENDED_IDENTITY =
  /\b(?:supposed|meant|expected|intended|want|wanted|wants) (?:it )?to (?:use|be using|run as|assume)\b|\bshould (?:use|be using|run as|assume)\b|\bwrong (?:role|profile|account|user|credentials|keys?)\b|\binstead of (?:the |my |our )?(?:role|profile|irsa|instance|task role)\b/i;
const NETWORK_PATH =
  /\b(?:https?_proxy|proxy|firewall|vpn|timed out|time out|timeout|econnrefused|etimedout|econnreset|connect timeout|tls handshake)\b/i;
const PROFILE_MENTION =
  /--(?:aws-)?profile\b|\baws_profile\b|\bprofile_name\b|\bcredentials_profile_name\b|\bdefault profile\b|\bnamed profile\b/i;
const CREDENTIALS_VERIFIED = [
  /\b(?:fetched|got|retrieved) (?:aws )?caller identity\b/i,
  /get-caller-identity\b[^.\n]{0,80}\b(?:works|worked|succeeds|succeeded|returns|returned|is fine|fine)\b/i,
  /\bcredentials (?:are )?(?:valid|working|work fine)\b/i,
];
const AMBIENT_RUNTIME =
  /\/var\/task\/|runtime\.handler|aws_lambda_function_name|lambda_function\.py|\blambda_handler\b|"errortype":|aws_container_credentials|aws_web_identity_token_file|\/var\/runtime\/|\bin (?:a |an |the |my )?(?:aws )?lambda\b|\bon vercel\b|\bvercel\b|\becs task\b|\bfargate\b|\birsa\b|configure-aws-credentials/i;
const THIRD_PARTY_SIGNER =
  /permissiondeniederror|anthropicbedrock|@anthropic-ai|anthropic\.[a-z]{0,20}error|anthropic-sdk|from anthropic import|ai_apicallerror|@ai-sdk\/|litellm|bedrockexception|claude code|\bcline\b|api request failed|\bapi error: 4\d\d|openai-compatible|sigv4 helper|requests-aws4auth|own signer|own sigv4/i;
const SIGNED_EXTRA = /canonical string|canonical request|string to sign|string-to-sign/i;
const PROXY_HEADERS = /x-forwarded-|x-real-ip|\bconnection:|%253a|%3a/i;
const WORKS_ELSEWHERE =
  /\bworks? (?:fine |correctly |perfectly |ok |well )?(?:locally|on my machine|in the (?:aws )?cli|with the (?:aws )?cli|from the (?:aws )?cli|with --profile|in the console|from my laptop)\b|\bsame (?:keys?|credentials) work\b|\bworks? with (?:the )?aws cli\b|\bthe key works with\b/i;
const CLIENT_REGRESSION =
  /\b(?:since|after) (?:upgrading|updating|the (?:upgrade|update))\b|\bdowngrad(?:e|ed|ing)\b|\bregression\b|\bworked (?:fine )?(?:in|with|on) (?:v(?:ersion)? ?)?\d+\.\d+/i;
const BEARER = /aws_bearer_token_bedrock|authorization: bearer|\bbedrock api key\b/i;
const SECRET_COPY =
  /\b(?:copied|copy(?:-| and )?past(?:e|ed)|spreadsheet|trailing (?:white)?space|whitespace|newline|line break|smtp credentials|ses smtp|duplicated? (?:line|entry))\b/i;
const MODEL_ACCESS_HINT =
  /\bmodel access page\b|\b(?:never|not) (?:requested|enabled|granted|requested access)\b|\brequest(?:ed)? (?:model )?access\b|\benable (?:model )?access\b/i;
const CLOCK_HINT =
  /\b(?:clock|ntp|time ?sync|timedatectl|woke|wake|resum(?:e|ed|ing)|after sleep|from sleep|hibernat\w*|wsl2?|docker desktop|system time|time drift)\b/i;

const TOKEN_FAMILIES: readonly FamilyId[] = ['token_invalid', 'key_id_not_exist', 'generic_auth'];
const SIGNATURE_FAMILIES: readonly FamilyId[] = ['signature_mismatch', 'signature_expired', 'credential_scope_service'];

export function detectSignals(input: SignalInput): SignalResult {
  const { norm, facts, tools } = input;
  const { entities } = facts;
  const detection = detectFamilies(norm, entities.errorCode, entities.httpStatus);
  const signals: Signal[] = detection.matches.map((m) => ({ kind: 'family', id: m.id, evidence: m.evidence }));
  const families = new Set(signals.map((s) => s.id as FamilyId));
  const has = (...ids: readonly FamilyId[]) => ids.some((id) => families.has(id));
  const add = (id: ContextSignalId, evidence: string) => signals.push({ kind: 'context', id, evidence });

  const token = sessionTokenFacts(input);
  const key = keyKindOf(input);
  const tokenFamily = has(...TOKEN_FAMILIES);

  // Key prefix against session token (the decisive context for the ambiguous "security token ... invalid").
  if (key.kind === 'long_term' && token.present) {
    add('long_term_key_with_token', `${key.label} is a long-term (AKIA) key and ${token.where}`);
  } else if (key.kind === 'temporary' && token.absent) {
    add('temp_key_without_token', `${key.label} is a temporary (ASIA) key and ${token.absentWhere}`);
  } else if (key.kind === 'temporary' && tokenFamily && !token.present) {
    add('temp_key', `${key.label} is a temporary (ASIA) key`);
  }
  if (key.kind === 'long_term' && !token.present && has('token_invalid', 'key_id_not_exist')) {
    add('long_term_key', `${key.label} is a long-term (AKIA) key`);
  }
  if (key.kind === 'long_term' && has('token_expired')) {
    add('long_term_key_but_expired', `${key.label} is long-term, yet AWS answers "expired"`);
  }
  if (key.kind === 'temporary' && token.present && has('token_invalid')) {
    add('temp_key_with_token_invalid', `${key.label} is temporary and was sent with a token`);
  }

  // Regions.
  const failingRegions = facts.regions.filter((r) => !facts.workingRegions.includes(r));
  const optIn = failingRegions.find(isOptInRegion);
  const optInFires = optIn !== undefined && (tokenFamily || has('token_expired'));
  if (optIn && optInFires) {
    add('opt_in_region', `the region ${optIn} is opt-in (launched after 2019-03-20)`);
    const working = facts.workingRegions.find((r) => regionInfo(r)?.optIn === false);
    if (working) add('fails_only_in_opt_in_region', `the text says it works in ${working} but fails in ${optIn}`);
    if (token.length !== undefined && token.length < 500) {
      add('v1_session_token', `the pasted session token is ${token.length} characters long`);
    }
  }
  const region = entities.region;
  const bedrockCall = /bedrock/.test(entities.service ?? '') || hasWord(norm.lower, 'bedrock');
  if (region && isKnownRegion(region) && !bedrockOffered(region) && bedrockCall && entities.service !== 'ec2') {
    add('bedrock_not_in_region', `the call goes to ${region}, where Amazon Bedrock is not offered`);
  }
  const unknownRegion = facts.unknownRegions[0];
  if (unknownRegion) add('unknown_region', `"${unknownRegion}" is not an AWS region`);
  // Only a Bedrock host that did not resolve says something about Bedrock's regions (not rekognition.eu-west-3).
  const otherServiceHost = /\b(?!bedrock)[a-z0-9-]{2,40}\.[a-z]{2}(?:-gov)?-[a-z]+-\d\.amazonaws\.com\b/.test(
    norm.lower,
  );
  const bedrockHost =
    /\bbedrock(?:-runtime|-agent-runtime|-agent)?(?:-fips)?\.[a-z]{2}(?:-gov)?-[a-z]+-\d\.amazonaws\.com\b/.test(
      norm.lower,
    );
  if (
    has('endpoint_unreachable') &&
    region &&
    bedrockOffered(region) &&
    !unknownRegion &&
    (bedrockHost || !otherServiceHost)
  ) {
    const network = NETWORK_PATH.exec(norm.flat);
    add(
      network ? 'network_path' : 'endpoint_region_valid',
      network
        ? `the region ${region} offers Bedrock and the text mentions "${clip(network[0], 30)}"`
        : `the region ${region} offers Bedrock, so its endpoint exists`,
    );
  }
  const modelArn = facts.arns.find(
    (a) => a.service === 'bedrock' && isRegionCode(a.region) && region !== undefined && a.region !== region,
  );
  // Under an explicit deny, a model ARN in another region is where a cross-region profile routed the call.
  if (modelArn && !has('denied_explicit'))
    add('model_region_mismatch', `the model ARN is in ${modelArn.region} but the call goes to ${region}`);
  const otherWorking = facts.workingRegions.find((r) => region !== undefined && r !== region);
  if (otherWorking && region && !optInFires) {
    add('other_region_works', `the text says ${otherWorking} works while the call goes to ${region}`);
  }

  // Partition.
  const otherPartition =
    facts.arns.find((a) => a.partition !== 'aws')?.raw ??
    facts.regions.find((r) => {
      const p = regionInfo(r)?.partition;
      return p !== undefined && p !== 'aws';
    });
  const commercial = facts.regions.some((r) => regionInfo(r)?.partition === 'aws');
  if (otherPartition && commercial && tokenFamily) {
    add('partition_mismatch', `the text mixes ${clip(otherPartition, 80)} with a commercial-partition region`);
  } else if (tokenFamily) {
    const partition = PARTITION_PROSE.exec(norm.flat);
    if (partition) {
      add(
        'partition_mismatch',
        `the text says "${clip(sentenceAround(norm.flat, partition.index, partition[0].length), 140)}": keys of one partition are unknown in the others`,
      );
    }
  }

  // A geography-bound inference profile id that Bedrock calls invalid: it is valid only in its own geography.
  // Bedrock ids always name the provider (anthropic.claude-...); "claude-sonnet-4-6" is another API's name for it.
  const modelId = entities.modelId;
  if (modelId && has('model_id_invalid') && !modelId.includes('.') && !modelId.startsWith('arn:')) {
    add('model_alias', `${modelId} is not a Bedrock model id (no provider prefix such as anthropic.)`);
  }
  const profile = entities.modelId ? splitInferenceProfileId(entities.modelId) : undefined;
  if (profile && region && has('model_id_invalid')) {
    if (profileGeoFits(profile.geo, region)) {
      add(
        'profile_id_in_geography',
        `${entities.modelId} is a ${profile.geo}. profile and ${region} is in that geography`,
      );
    } else {
      add('profile_id_invalid', `${entities.modelId} is a ${profile.geo}. profile but the call goes to ${region}`);
    }
  }

  // Key lifecycle.
  const retried = tokenFamily ? WORKS_ON_RETRY.exec(norm.flat) : null;
  if (retried) {
    add('works_on_retry', `the text says "${clip(sentenceAround(norm.flat, retried.index, retried[0].length), 140)}"`);
  }
  if (tokenFamily || has('token_expired')) {
    const created = KEY_JUST_CREATED.map((re) => re.exec(norm.flat)).find((m) => m !== null);
    if (created && tokenFamily) {
      add(
        'key_just_created',
        `the text says "${clip(sentenceAround(norm.flat, created.index, created[0].length), 140)}"`,
      );
    }
  }
  const keyId = entities.accessKeyId;
  const inactive = tools.keyStatuses.find((s) => s.status === 'Inactive' && (!keyId || s.accessKeyId === keyId));
  const statusProse = KEY_STATUS_PROSE.exec(norm.flat);
  let disabledReported = inactive !== undefined || (statusProse !== null && tokenFamily);
  if (inactive) {
    add('key_status_inactive', `list-access-keys shows ${inactive.accessKeyId} with Status Inactive`);
  } else if (statusProse && tokenFamily) {
    add(
      'key_status_inactive',
      `the text says "${clip(sentenceAround(norm.flat, statusProse.index, statusProse[0].length), 140)}"`,
    );
  } else if (tokenFamily) {
    const disabled = KEY_DISABLED.exec(norm.flat);
    if (disabled) {
      const sentence = sentenceAround(norm.flat, disabled.index, disabled[0].length);
      // "Is the key disabled?" asks; "an admin deactivated the key" reports.
      const end = disabled.index + disabled[0].length;
      const asked = /^[^.!?]{0,60}\?/.test(norm.flat.slice(end, end + 61));
      disabledReported = !asked;
      add(asked ? 'key_disabled_question' : 'key_disabled_mention', `the text says "${clip(sentence, 140)}"`);
    }
  }
  // "Deactivated the old key during rotation": the key's stated status is the more specific fact.
  if (tokenFamily && !disabledReported) {
    const deleted = KEY_DELETED.exec(norm.flat);
    if (deleted)
      add(
        'key_deleted_mention',
        `the text says "${clip(sentenceAround(norm.flat, deleted.index, deleted[0].length), 140)}"`,
      );
  }

  // Where the credentials came from.
  const list = tools.configureList;
  const vars = tools.credentials.vars;
  const envKey =
    list?.accessKey?.type === 'env' || (vars.has('AWS_ACCESS_KEY_ID') && isPresentValue(vars.get('AWS_ACCESS_KEY_ID')));
  const profileSet =
    (list?.profile && isPresentValue(list.profile.value)) ||
    isPresentValue(vars.get('AWS_PROFILE')) ||
    /\bAWS_PROFILE=\S/.test(norm.flat);
  if (envKey && profileSet) {
    const profile =
      list?.profile?.value && isPresentValue(list.profile.value) ? list.profile.value : vars.get('AWS_PROFILE');
    add(
      'env_keys_over_profile',
      `the access key comes from environment variables while profile ${profile ?? '(set)'} is meant to be used`,
    );
  } else if (envKey) {
    add('env_keys', 'the access key comes from environment variables (AWS_ACCESS_KEY_ID)');
  }
  if (list?.accessKey && !isPresentValue(list.accessKey.value)) {
    add('no_credentials_listed', '`aws configure list` shows access_key <not set>');
  }
  const masked = list?.accessKey?.value.match(/^\*{4,}([A-Z0-9]{4})$/)?.[1];
  const otherKey = facts.accessKeyIds.find((id) => masked !== undefined && !id.endsWith(masked));
  if (masked && otherKey && !facts.accessKeyIds.some((id) => id.endsWith(masked))) {
    add('masked_key_mismatch', `\`aws configure list\` shows a key ending in ${masked}, the error names ${otherKey}`);
  }
  if (!envKey && ENV_MENTION.test(norm.flat))
    add('env_mention', 'the text talks about credentials in environment variables');
  if (!(envKey && profileSet) && PROFILE_MENTION.test(norm.flat)) {
    add('profile_mention', 'a named profile is in play');
  }
  const unintended = UNINTENDED_IDENTITY.exec(norm.flat);
  if (unintended) {
    add(
      'unintended_identity',
      `the text says "${clip(sentenceAround(norm.flat, unintended.index, unintended[0].length), 140)}"`,
    );
  }

  // Identity and accounts.
  const identity = tools.callerIdentity;
  const verified = CREDENTIALS_VERIFIED.some((re) => re.test(norm.flat));
  if (identity?.arn || verified) {
    add(
      'credentials_verified',
      identity?.arn
        ? `the output of aws sts get-caller-identity shows ${identity.arn}`
        : 'the text says the credentials were accepted (caller identity fetched)',
    );
  }
  const identityAccount =
    identity?.account ??
    (facts.principal && isAccountId(facts.principal.account) ? facts.principal.account : undefined);
  const mentioned = facts.accounts.filter((a) => a.kind === 'mention' && a.account !== identityAccount);
  // A prose account next to the principal's is only an expectation when the identity was checked (get-caller-identity)
  // or the text says the identity is not the intended one; "the member account X was suspended" is not one.
  if (identityAccount && mentioned[0] && (identity?.account !== undefined || unintended !== null)) {
    add(
      'identity_account_mismatch',
      `the identity in use is in account ${identityAccount}, the text expects ${mentioned[0].account} (${clip(mentioned[0].source, 60)})`,
    );
  }
  const keyAccount = entities.keyAccountId;
  const otherAccount = keyAccount ? otherCallerAccounts(facts, keyAccount)[0] : undefined;
  if (keyAccount && otherAccount) {
    add(
      'key_account_mismatch',
      `access key ${keyId} belongs to account ${keyAccount} (decoded from the key id), the text names ${otherAccount.account}`,
    );
  }

  // Runtime and client.
  if ((tokenFamily || has('token_expired')) && key.kind !== 'temporary') {
    const runtime = AMBIENT_RUNTIME.exec(norm.flat);
    if (runtime)
      add(
        'ambient_session_runtime',
        `the code runs where the platform injects credentials ("${clip(runtime[0], 40)}")`,
      );
  }
  if (has('token_invalid')) {
    const client = THIRD_PARTY_SIGNER.exec(norm.flat);
    if (client)
      add(
        'third_party_signer',
        `the error comes through a client that signs requests itself ("${clip(client[0], 40)}")`,
      );
  }
  if (has(...SIGNATURE_FAMILIES) && SIGNED_EXTRA.test(norm.flat) && PROXY_HEADERS.test(norm.flat)) {
    add(
      'signed_extra_headers',
      'the canonical request AWS quotes carries proxy headers or a re-encoded ":" in the path',
    );
  }
  const works = WORKS_ELSEWHERE.exec(norm.flat);
  if (works)
    add('works_elsewhere', `the text says "${clip(sentenceAround(norm.flat, works.index, works[0].length), 140)}"`);
  const regression = CLIENT_REGRESSION.exec(norm.flat);
  if (regression) {
    add(
      'client_regression',
      `the text says "${clip(sentenceAround(norm.flat, regression.index, regression[0].length), 140)}"`,
    );
  }

  // Bedrock API keys.
  const bearer = input.secrets.bedrockApiKey || BEARER.test(norm.flat);
  if (bearer && (tokenFamily || has('api_key_rejected', 'access_denied_bare'))) {
    add('bearer_token_present', 'a Bedrock API key (bearer token) is used for this call');
  }
  if (bearer && (vars.has('AWS_ACCESS_KEY_ID') || list?.accessKey !== undefined || profileSet)) {
    add('bearer_and_sigv4', 'AWS_BEARER_TOKEN_BEDROCK and SigV4 credentials (keys or a profile) are both configured');
  }

  // Signature details.
  if (has(...SIGNATURE_FAMILIES, 'token_invalid')) {
    const copy = SECRET_COPY.exec(norm.flat);
    if (copy && has('signature_mismatch'))
      add('secret_copy_hint', `the text says "${clip(sentenceAround(norm.flat, copy.index, copy[0].length), 140)}"`);
    const clock = CLOCK_HINT.exec(norm.flat);
    if (clock) add('clock_hint', `the text mentions "${clip(clock[0], 40)}"`);
  }
  const skew = measureSkew(norm.flat);
  if (skew) add('skew_measured', `AWS quotes signing time ${skew.signedAt} against its time ${skew.awsTime}`);
  if (has('model_access_denied') && MODEL_ACCESS_HINT.test(norm.flat)) {
    add('model_access_hint', 'the text says model access was not requested or enabled');
  }
  if (has('denied_explicit')) {
    const regionless = facts.arns.some(
      (a) => a.service === 'bedrock' && a.region === '' && a.resourceType === 'foundation-model',
    );
    const profile = hasGeoPrefix(entities.modelId ?? '');
    if (regionless || profile || modelArn) {
      add(
        'cross_region_profile_denied',
        regionless
          ? 'the denied resource is a foundation model with no region (arn:aws:bedrock:::foundation-model/...)'
          : profile
            ? `the model ${entities.modelId} is a cross-region inference profile`
            : `the denied model is in ${modelArn?.region}, not in ${region}, where the call was made: a cross-region inference profile routed it there`,
      );
    }
  }
  return { signals, token, skew, keyKind: key.kind, families, senders: detection.senders };
}
