/**
 * Validation of a diagnosis target before any AWS call: every identifier is checked and normalised, and every
 * problem is named in one TargetValidationError (the CLI exits 2, Slack answers with the message).
 */

import {
  accessKeyTypeOf,
  type ModelRef,
  type PrincipalRef,
  parseAccessKeyId,
  parseAccountId,
  parseModelRef,
  parsePrincipalArn,
  parseRegion,
} from '../aws/identifiers.js';
import { decodeAccountFromKeyId } from '../aws-facts/access-key-ids.js';
import type { Partition } from '../aws-facts/partitions.js';
import type { DenyingPolicyType } from '../aws-facts/policy-arns.js';
import { partitionOfRegion, type RegionInfo, regionInfo } from '../aws-facts/regions.js';
import type { ApiKeyTarget, Target, Triage } from '../report.js';

export class TargetValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1 ? (problems[0] ?? 'invalid target') : `invalid target:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'TargetValidationError';
  }
}

export type RegionSource = 'given' | 'model ARN' | 'triage' | 'api key' | 'default';

export interface KeyInput {
  id: string;
  type: 'long_term' | 'temporary';
  /** Owner decoded offline from the key id (undocumented; a hint only). */
  decodedAccountId?: string;
}

/** A target whose every field is valid and normalised. */
export interface DiagnosisInput {
  /** Normalised target, as shown in the Report. */
  target: Target;
  accountId: string;
  partition: Partition;
  region: string;
  regionInfo: RegionInfo;
  regionSource: RegionSource;
  key?: KeyInput;
  model?: ModelRef;
  principal?: PrincipalRef;
  /** The Bedrock API key of the failing call, as decoded offline (never the key). */
  apiKey?: ApiKeyTarget;
  /** The policy the pasted AccessDenied message names (triage entities denyingPolicyType / denyingPolicyArn). */
  denyingPolicy?: { type: DenyingPolicyType; arn?: string };
  /** What the paste says about the failing call itself (triage entities), for finding it in CloudTrail. */
  failedCall?: FailedCall;
}

export interface FailedCall {
  requestId?: string;
  /** ms since the epoch: roughly when it failed (the latest zoned time the paste shows). */
  at?: number;
  errorCode?: string;
  /** The API operation (InvokeModel, Converse...). */
  operation?: string;
  /** The IAM action the error says was denied (`aws-marketplace:Subscribe`, `bedrock:InvokeModel`...). */
  action?: string;
}

export interface ValidateOptions {
  /** Region used when neither the target nor a model ARN names one (Config.aws.region). */
  defaultRegion: string;
  /** Triage of pasted text: fills fields the target lacks, when they are valid (never a reason to refuse). */
  triage?: Triage;
}

export function validateTarget(target: Target, options: ValidateOptions): DiagnosisInput {
  const problems: string[] = [];
  const entities = options.triage?.entities ?? {};

  const account = parseAccountId(String(target.accountId ?? ''));
  if (!account.ok) problems.push(account.problem);

  let keyId: string | undefined;
  if (present(target.accessKeyId)) {
    const key = parseAccessKeyId(target.accessKeyId);
    if (key.ok) keyId = key.value;
    else problems.push(key.problem);
  } else if (entities.accessKeyId) {
    const key = parseAccessKeyId(entities.accessKeyId);
    if (key.ok) keyId = key.value;
  }

  let model: ModelRef | undefined;
  if (present(target.modelId)) {
    const parsed = parseModelRef(target.modelId);
    if (parsed.ok) model = parsed.value;
    else problems.push(parsed.problem);
  } else if (entities.modelId) {
    const parsed = parseModelRef(entities.modelId);
    if (parsed.ok) model = parsed.value;
  }

  let region: string | undefined;
  let regionSource: RegionSource = 'default';
  const modelRegion = model && 'region' in model ? model.region : undefined;
  if (present(target.region)) {
    const parsed = parseRegion(target.region);
    if (parsed.ok) {
      region = parsed.value;
      regionSource = 'given';
      if (modelRegion && modelRegion !== region) {
        problems.push(`the model ARN is in region ${modelRegion} but the region given is ${region}: give one region`);
      }
    } else problems.push(parsed.problem);
  } else if (modelRegion) {
    region = modelRegion;
    regionSource = 'model ARN';
  } else if (entities.region && parseRegion(entities.region).ok) {
    region = entities.region;
    regionSource = 'triage';
  }
  const apiKey = target.apiKey;
  const apiKeyRegion = apiKey && 'region' in apiKey ? apiKey.region : undefined;
  if (!region && apiKeyRegion && parseRegion(apiKeyRegion).ok) {
    // A short-term key works in one region only: with no other word on it, that is where the call went.
    region = apiKeyRegion;
    regionSource = 'api key';
  }
  const defaultRegion = parseRegion(options.defaultRegion);
  if (!defaultRegion.ok) problems.push(`the default region is invalid: ${defaultRegion.problem}`);
  const botPartition = partitionOfRegion(defaultRegion.ok ? defaultRegion.value : 'us-east-1');
  region ??= defaultRegion.ok ? defaultRegion.value : 'us-east-1';
  const partition = partitionOfRegion(region);
  if (partition !== botPartition) {
    problems.push(
      `region ${region} is in partition ${partition}, but the bot works in ${botPartition} ` +
        '(a role cannot be assumed across partitions)',
    );
  }

  let principal: PrincipalRef | undefined;
  if (present(target.principalArn)) {
    const parsed = parsePrincipalArn(target.principalArn);
    if (parsed.ok) principal = parsed.value;
    else problems.push(parsed.problem);
  } else if (entities.principalArn) {
    const parsed = parsePrincipalArn(entities.principalArn);
    if (parsed.ok && account.ok && parsed.value.accountId === account.value) principal = parsed.value;
  }

  if (account.ok) {
    if (principal && principal.accountId !== account.value) {
      problems.push(
        `the principal ${principal.arn} is in account ${principal.accountId}, not ${account.value}: ` +
          `diagnose account ${principal.accountId} or give a principal of ${account.value}`,
      );
    }
    const modelAccount = model && 'accountId' in model ? model.accountId : undefined;
    if (modelAccount && modelAccount !== account.value) {
      problems.push(
        `the model ARN belongs to account ${modelAccount}, not ${account.value}: diagnose account ${modelAccount}`,
      );
    }
  }
  if (principal && principal.partition !== partition) {
    problems.push(`the principal ARN is in partition ${principal.partition}, the region ${region} in ${partition}`);
  }

  if (problems.length > 0 || !account.ok) throw new TargetValidationError(problems);

  const info = regionInfo(region) ?? {
    code: region,
    name: region,
    partition,
    optIn: false,
    bedrock: false,
  };
  const key: KeyInput | undefined = keyId
    ? {
        id: keyId,
        type: accessKeyTypeOf(keyId) === 'temporary' ? 'temporary' : 'long_term',
        decodedAccountId: decodeAccountFromKeyId(keyId),
      }
    : undefined;
  const denyingPolicy = entities.denyingPolicyType
    ? { type: entities.denyingPolicyType, ...(entities.denyingPolicyArn ? { arn: entities.denyingPolicyArn } : {}) }
    : undefined;
  const failedCall: FailedCall = {};
  if (entities.requestId) failedCall.requestId = entities.requestId;
  const at = entities.errorTime ? Date.parse(entities.errorTime) : Number.NaN;
  if (Number.isFinite(at)) failedCall.at = at;
  if (entities.errorCode) failedCall.errorCode = entities.errorCode;
  if (entities.operation) failedCall.operation = entities.operation;
  if (entities.action) failedCall.action = entities.action;
  const normalised: Target = { accountId: account.value, region };
  if (key) normalised.accessKeyId = key.id;
  if (model) normalised.modelId = model.input;
  if (principal) normalised.principalArn = principal.arn;
  if (apiKey) normalised.apiKey = apiKey;
  return {
    target: normalised,
    accountId: account.value,
    partition,
    region,
    regionInfo: info,
    regionSource,
    key,
    model,
    principal,
    ...(apiKey ? { apiKey } : {}),
    ...(denyingPolicy ? { denyingPolicy } : {}),
    ...(Object.keys(failedCall).length > 0 ? { failedCall } : {}),
  };
}

function present(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
