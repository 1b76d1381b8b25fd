/** Families of Bedrock API key (bearer token) messages. */
import type { Family } from './types.js';

export const API_KEY_FAMILIES: readonly Family[] = [
  {
    id: 'api_key_rejected',
    meaning:
      'Bedrock refused the API key sent as Authorization: Bearer (AWS_BEARER_TOKEN_BEDROCK): malformed, expired, ' +
      'revoked, or a short-term key used outside the region that generated it.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html',
    wordings: [
      'make sure your api key is valid',
      'invalid api key format',
      'must start with pre-defined prefix',
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
    ],
    prior: { bedrock_api_key: 0.78, region_unsupported: 0.15, wrong_profile_or_env: 0.07 },
    priorWhy:
      'AWS documents short-term keys as valid 12 hours at most and only in the region that generated them; a ' +
      'rejected key is mostly malformed, expired or revoked, then used in another region, then a stale key shadowing ' +
      'the intended credentials.',
    evidence: ['bearer_token_present', 'bearer_and_sigv4', 'other_region_works'],
    commands: [
      '[ -n "$AWS_BEARER_TOKEN_BEDROCK" ] && echo "AWS_BEARER_TOKEN_BEDROCK is set" || echo "AWS_BEARER_TOKEN_BEDROCK is not set"',
    ],
  },
];
