/**
 * The fields of a diagnosis Target as people type them in Slack: one validator per field with a message that says
 * exactly what is wrong, without echoing a secret back. A value of the right shape is then checked by the same
 * parsers the diagnosis engine uses (key alphabet, known region, model and principal forms), so a value the engine
 * would refuse is refused before the ack, privately, instead of after a public "Diagnosing..." message.
 */
import { type Parsed, parseAccessKeyId, parseModelRef, parsePrincipalArn, parseRegion } from '../aws/identifiers.js';
import { scrubSecrets } from '../secrets.js';

export const ACCOUNT_ID = /^\d{12}$/;
export const ALIAS_SHAPE = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
/** AKIA long-term, ASIA temporary, ABIA STS bearer, ACCA context-specific: 4-letter prefix + 16 characters. */
export const ACCESS_KEY_ID = /^A(?:KIA|SIA|BIA|CCA)[A-Z0-9]{16}$/;
export const REGION = /^[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2}$/;
/** Model ids (anthropic.claude-3-5-sonnet-20240620-v1:0), inference profile ids (us.anthropic...) and ARNs. */
export const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9.:_/+-]{0,2047}$/;
export const PRINCIPAL_ARN = /^arn:aws(?:-cn|-us-gov|-iso[a-z-]*)?:(?:iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/:-]{1,1900}$/;

export type TargetField = 'key' | 'region' | 'model' | 'principal';
export const TARGET_FIELDS: readonly TargetField[] = ['key', 'region', 'model', 'principal'];

/** A user-typed value shown back in an error: scrubbed, one line, short. */
export function quoteValue(value: string): string {
  const clean = scrubSecrets(value)
    .replace(/\s+/g, ' ')
    .replace(/`/g, "'")
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return `\`${clean.length > 48 ? `${clean.slice(0, 45)}...` : clean}\``;
}

/** The engine's verdict on a value of the right shape: undefined when it accepts it. */
function engineProblem(field: TargetField, parsed: Parsed<unknown>): string | undefined {
  return parsed.ok ? undefined : `${field}= is not valid: ${parsed.problem}.`;
}

/** Undefined when valid, else a sentence naming the field and what it expects. */
export function fieldProblem(field: TargetField, value: string): string | undefined {
  switch (field) {
    case 'key':
      if (ACCESS_KEY_ID.test(value)) return engineProblem(field, parseAccessKeyId(value));
      if (/^[A-Za-z0-9/+]{40}$/.test(value)) {
        return (
          'key= looks like a *secret* access key. Give the access key *id* (AKIA... or ASIA..., 20 characters), ' +
          'never the secret. If that was a real secret, treat it as leaked: deactivate and rotate the key.'
        );
      }
      return `key= must be an access key id: AKIA or ASIA followed by 16 capital letters or digits (20 in all), got ${quoteValue(value)}.`;
    case 'region':
      return REGION.test(value)
        ? engineProblem(field, parseRegion(value))
        : `region= must be an AWS region code such as us-east-1 or eu-central-1, got ${quoteValue(value)}.`;
    case 'model':
      return MODEL_ID.test(value)
        ? engineProblem(field, parseModelRef(value))
        : `model= must be a Bedrock model id, inference profile id or ARN (e.g. anthropic.claude-3-5-sonnet-20240620-v1:0), got ${quoteValue(value)}.`;
    case 'principal':
      return PRINCIPAL_ARN.test(value)
        ? engineProblem(field, parsePrincipalArn(value))
        : `principal= must be an IAM or STS ARN such as arn:aws:iam::123456789012:user/alice, got ${quoteValue(value)}.`;
  }
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}
