/**
 * Findings about the Bedrock API keys in a paste (decoded offline by src/bedrock-api-keys/): what each key carries,
 * and what a senior engineer draws from it: expired at the time the paste shows, made for another region than the
 * failing call's, a console-made BedrockAPIKey-* user, a bearer token next to SigV4 credentials. Facts, not
 * hypotheses; the key itself never appears.
 */
import {
  BEARER_TOKEN_ENV,
  BEDROCK_CREDENTIAL_SERVICE_NAME,
  CALL_WITH_BEARER_TOKEN,
  CONSOLE_KEY_USER_PREFIX,
} from '../aws-facts/bedrock-api-keys.js';
import type { FoundApiKey, LongTermKeyFacts, ShortTermKeyFacts } from '../bedrock-api-keys/index.js';
import type { Entities } from '../report.js';

export interface ApiKeyFindingInput {
  keys: readonly FoundApiKey[];
  entities: Entities;
  /** The latest time the paste shows (ms), when it shows one. */
  pasteTime?: number;
  /** A bearer token and SigV4 credentials (keys or a profile) are both configured. */
  bothConfigured: boolean;
}

/** Findings about at most this many keys: a paste with more is a dump, and the leak finding covers it. */
const MAX_DESCRIBED = 2;

export function apiKeyFindings(input: ApiKeyFindingInput): string[] {
  const out: string[] = [];
  let described = 0;
  for (const found of input.keys) {
    if (described++ >= MAX_DESCRIBED) break;
    if (!found.decoded.ok) {
      const kind = found.decoded.type === 'long_term' ? 'long-term (ABSK...)' : 'short-term (bedrock-api-key-...)';
      out.push(
        `A ${kind} Bedrock API key in the text does not decode: ${found.decoded.problem}. A key cut short or mangled ` +
          'when copied (quotes, a line break, a missing end) is refused with "Invalid API Key format" or ' +
          '"Authentication failed: Please make sure your API Key is valid."',
      );
      continue;
    }
    const key = found.decoded.key;
    if (key.type === 'long_term') out.push(...longTermFindings(key));
    else out.push(...shortTermFindings(key, input));
  }
  if (input.bothConfigured) {
    out.push(
      `A Bedrock API key (${BEARER_TOKEN_ENV}) and SigV4 credentials (access keys or a profile) are both configured. ` +
        'For Bedrock calls the API key wins: SDKs that support Bedrock API keys send the bearer token whenever the ' +
        'variable is set (the JavaScript v3 SDK even when credentials are passed explicitly), while STS, IAM and other ' +
        `services keep using SigV4. Unset ${BEARER_TOKEN_ENV} to use the keys, or remove the keys to use the API key.`,
    );
  }
  return out;
}

function longTermFindings(key: LongTermKeyFacts): string[] {
  const out = [
    `Bedrock API key (long-term, ABSK...): it decodes offline to IAM user ${key.userName} in account ${key.accountId}` +
      `${key.secondary ? " (the user's second key)" : ''}. A long-term key is an IAM service-specific credential: it ` +
      'lives until its expiry date or for ever, and IAM records no last use for it (CloudTrail does). ' +
      `aws iam list-service-specific-credentials --user-name ${key.userName} --service-name ` +
      `${BEDROCK_CREDENTIAL_SERVICE_NAME} shows its status and expiry.`,
  ];
  if (key.consoleUser) {
    out.push(
      `${key.userName} is a user the Bedrock console made for this key (${CONSOLE_KEY_USER_PREFIX}...): the console ` +
        'attaches AmazonBedrockLimitedAccess to it, far more than invoking a model needs, and never deletes the user. ' +
        'After deactivating the key, replace that policy with one scoped to the models the application calls, or ' +
        'delete the user.',
    );
  }
  return out;
}

function shortTermFindings(key: ShortTermKeyFacts, input: ApiKeyFindingInput): string[] {
  const out: string[] = [];
  const presigner =
    key.accessKeyType === 'long_term'
      ? 'a long-term IAM user key'
      : key.sessionBased
        ? 'temporary session credentials, whose session token is inside the key'
        : 'temporary credentials';
  const hours = key.expiresInSeconds / 3600;
  const life = Number.isInteger(hours) ? `${hours} h` : `${Math.round(key.expiresInSeconds / 60)} min`;
  out.push(
    `Bedrock API key (short-term, bedrock-api-key-...): a presigned URL made with access key ${key.accessKeyId} ` +
      `(${presigner}${key.accountId ? `, account ${key.accountId}` : ''}), for region ${key.region} only, signed ` +
      `${key.signedAt} for ${life}: it stops working at ${key.expiresAt} at the latest` +
      `${key.accessKeyType === 'temporary' ? ', sooner if the session that made it ends first' : ''}. Its ` +
      `permissions are those of the principal behind ${key.accessKeyId}, checked as ${CALL_WITH_BEARER_TOKEN} plus ` +
      'the Bedrock action.',
  );
  const expiresAt = Date.parse(key.expiresAt);
  if (input.pasteTime !== undefined && input.pasteTime > expiresAt) {
    out.push(
      `The short-term API key had expired when this text was written: it stopped working at ${key.expiresAt}, and ` +
        `the text shows ${new Date(input.pasteTime).toISOString()} (${describeSpan(input.pasteTime - expiresAt)} ` +
        `later). Generate a new key in ${key.region} (12 hours at most), or refresh it automatically with AWS's ` +
        'token generator library.',
    );
  }
  const callRegion = input.entities.region;
  if (callRegion && callRegion !== key.region) {
    out.push(
      `Region mismatch: the short-term API key works only in ${key.region}, but the failing call went to ` +
        `${callRegion}. Generate the key in ${callRegion} (switch the console's region first, or pass the region to ` +
        `the token generator), or call ${key.region}.`,
    );
  }
  return out;
}

function describeSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
