/**
 * The fields of a diagnosis Target as people type them in Slack: one validator per field with a message that says
 * exactly what is wrong, without echoing a secret back. A value of the right shape is then checked by the same
 * parsers the diagnosis engine uses (key alphabet, known region, model and principal forms), so a value the engine
 * would refuse is refused before the ack, privately, instead of after a public "Diagnosing..." message.
 */

import { type Parsed, parseAccessKeyId, parseModelRef, parsePrincipalArn, parseRegion } from '../aws/identifiers.js';
import { isKeyIdShaped } from '../aws-facts/access-key-ids.js';
import { ACCOUNT_ID_PATTERN } from '../aws-facts/account-ids.js';
import { looksLikeRegionCode } from '../aws-facts/regions.js';
import { scrubSecrets } from '../secrets.js';

export const ALIAS_SHAPE = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
/** Model ids, inference profile ids and ARNs: what a person meant as a model (for the message, not the decision). */
const MODEL_SHAPED = /^[A-Za-z0-9][A-Za-z0-9.:_/+-]{0,2047}$/;
/** An IAM or STS ARN of any partition (for the message, not the decision). */
const PRINCIPAL_SHAPED = new RegExp(
  `^arn:[a-z-]{3,20}:(?:iam|sts)::${ACCOUNT_ID_PATTERN}:[A-Za-z0-9+=,.@_/:-]{1,1900}$`,
);

export type TargetField = 'key' | 'region' | 'model' | 'principal';
export const TARGET_FIELDS: readonly TargetField[] = ['key', 'region', 'model', 'principal'];

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

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

/** The engine's parser for each field: a value is valid here exactly when the diagnosis accepts it. */
const ENGINE: Record<TargetField, (value: string) => Parsed<unknown>> = {
  key: parseAccessKeyId,
  region: parseRegion,
  model: parseModelRef,
  principal: parsePrincipalArn,
};

/**
 * Undefined when valid, else a sentence naming the field and what it expects. The decision is the engine's
 * (`ENGINE`); the shape only picks the message: the engine's precise one for a value of the right shape, a short
 * "must be ..." for anything else.
 */
export function fieldProblem(field: TargetField, value: string): string | undefined {
  const parsed = ENGINE[field](value);
  if (parsed.ok) return undefined;
  // The engine's message may quote the value: escaped, so Slack shows it as text and never as a mention or link.
  const engineProblem = `${field}= is not valid: ${escapeText(parsed.problem)}.`;
  switch (field) {
    case 'key':
      if (isKeyIdShaped(value.trim())) return engineProblem;
      if (/^[A-Za-z0-9/+]{40}$/.test(value)) {
        return (
          'key= looks like a *secret* access key. Give the access key *id* (AKIA... or ASIA..., 20 characters), ' +
          'never the secret. If that was a real secret, treat it as leaked: deactivate and rotate the key.'
        );
      }
      return `key= must be an access key id: AKIA or ASIA followed by 16 capital letters or digits (20 in all), got ${quoteValue(value)}.`;
    case 'region':
      return looksLikeRegionCode(value.trim())
        ? engineProblem
        : `region= must be an AWS region code such as us-east-1 or eu-central-1, got ${quoteValue(value)}.`;
    case 'model':
      return MODEL_SHAPED.test(value)
        ? engineProblem
        : `model= must be a Bedrock model id, inference profile id or ARN (e.g. anthropic.claude-3-5-sonnet-20240620-v1:0), got ${quoteValue(value)}.`;
    case 'principal':
      return PRINCIPAL_SHAPED.test(value)
        ? engineProblem
        : `principal= must be an IAM or STS ARN such as arn:aws:iam::123456789012:user/alice, got ${quoteValue(value)}.`;
  }
}

/** The value is one the diagnosis accepts for this field. */
export function isValidField(field: TargetField, value: string): boolean {
  return ENGINE[field](value).ok;
}
