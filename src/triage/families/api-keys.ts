/** Families of Bedrock API key (bearer token) messages. */
import type { Family } from './types.js';

const BEARER_SET =
  '[ -n "$AWS_BEARER_TOKEN_BEDROCK" ] && echo "AWS_BEARER_TOKEN_BEDROCK is set" || echo "AWS_BEARER_TOKEN_BEDROCK is not set"';

export const API_KEY_FAMILIES: readonly Family[] = [
  {
    id: 'api_key_rejected',
    meaning:
      'Bedrock refused the API key sent as Authorization: Bearer (AWS_BEARER_TOKEN_BEDROCK): malformed, expired, ' +
      'revoked, or a short-term key used outside the region that generated it.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html',
    wordings: [
      'make sure your api key is valid',
      'api key is invalid',
      'api key has expired',
      'api key is expired',
      'invalid bearer token',
      'bearer token is invalid',
      'bearer token has expired',
      'bearer token is expired',
      'bearer token expired',
      'malformed bearer token',
      'unable to parse bearer token',
      'bedrock api key is invalid',
      'bedrock api key has expired',
      // Bedrock's answer to a bearer key on an operation that only takes SigV4 (InvokeModelWithBidirectionalStream).
      'this operation does not support api keys',
    ],
    prior: { bedrock_api_key: 0.78, region_unsupported: 0.15, wrong_profile_or_env: 0.07 },
    priorWhy:
      'AWS documents short-term keys as valid 12 hours at most and only in the region that generated them; a ' +
      'rejected key is mostly malformed, expired or revoked, then used in another region, then a stale key shadowing ' +
      'the intended credentials.',
    evidence: ['bearer_token_present', 'bearer_and_sigv4', 'other_region_works'],
    commands: [BEARER_SET],
  },
  {
    id: 'api_key_format',
    meaning:
      'The value sent as Authorization: Bearer does not start with a Bedrock API key prefix (ABSK..., ' +
      'bedrock-api-key-...): it is not a Bedrock API key at all, so the client sent another credential than meant.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html',
    wordings: ['invalid api key format', 'must start with pre-defined prefix'],
    yieldsTo: ['api_key_rejected'],
    prior: { bedrock_api_key: 0.5, wrong_profile_or_env: 0.38, missing_iam_permission: 0.12 },
    priorWhy:
      'The message says the bearer value is not shaped like a Bedrock API key, a malformed bearer token in the ' +
      'terms of the cause table: a client or router sending its own key or a placeholder as the Bedrock key, or a ' +
      'truncated or quoted key; an SSO profile the client cannot resolve (other credentials than intended) is next; ' +
      'a credential helper whose role lacks bedrock:CallWithBearerToken has been reported too.',
    evidence: ['bearer_token_present', 'bearer_and_sigv4'],
    commands: [BEARER_SET],
  },
  {
    id: 'bearer_token_invalid',
    meaning:
      '"The bearer token included in the request is invalid": a bearer token (an AWS sign-in / Builder ID token of ' +
      'an AWS tool, or a Bedrock API key) is stale or revoked.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
    wordings: ['bearer token included in the request is invalid', 'the bearer token is invalid'],
    prior: { temp_credentials_expired: 0.5, bedrock_api_key: 0.4, wrong_profile_or_env: 0.1 },
    priorWhy:
      'AWS tools that sign in with a bearer token (Kiro, Q Developer) report a stale sign-in this way, fixed by ' +
      'logging in again; a Bedrock API key that expired or was revoked is the other reading.',
    evidence: ['bearer_token_present'],
    commands: [BEARER_SET],
  },
  {
    id: 'auth_header_missing',
    meaning: 'The request reached AWS without an Authorization header: the client sent no credential at all.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html',
    wordings: [
      'authorization header is missing',
      'missing authorization header',
      'no authorization header',
      // Dify's Bedrock plugin (models/bedrock/provider/get_bedrock_client.py): API-key auth chosen, no key set.
      'bedrock_api_key is required when using api key authentication',
    ],
    prior: { bedrock_api_key: 0.45, wrong_profile_or_env: 0.4, unknown: 0.15 },
    priorWhy:
      'A client configured for a Bedrock API key that did not send it (the key not in its environment, or a client ' +
      'regression), or one that found no credentials of any kind.',
    evidence: ['bearer_token_present'],
    commands: [BEARER_SET],
  },
];
