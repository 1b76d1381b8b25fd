/**
 * Groups of message families that other families yield to, named once: a new credential or signing family is added
 * to its group here, and every family that must give way to it (the credential chain's summary, the non-auth
 * errors around an auth message) sees it.
 */
import type { FamilyId } from './types.js';

/** Messages about the credentials themselves: unknown, expired, SSO, console-login and web-identity tokens. */
export const CREDENTIAL_MESSAGES: readonly FamilyId[] = [
  'token_invalid',
  's3_token_invalid',
  'auth_failure',
  'key_id_not_exist',
  'token_expired',
  'sso_expired',
  'sso_session_invalid',
  'sso_config_invalid',
  'console_login_expired',
  'console_login_denied',
  'web_identity_invalid',
  'web_identity_setup',
  'web_identity_denied',
];

/** The client found no credentials to sign with (its chain came up empty, or a wrapper says so of any failure). */
export const NO_CREDENTIALS_MESSAGES: readonly FamilyId[] = ['no_credentials', 'client_init_failed'];

/** Messages about the signature of a request. */
export const SIGNING_MESSAGES: readonly FamilyId[] = ['signature_mismatch', 'signature_expired', 'request_expired'];

/** IAM authorization messages that name the action denied. */
export const DENIAL_MESSAGES: readonly FamilyId[] = [
  'denied_explicit',
  'denied_implicit',
  'denied_principal',
  'service_role_lacks_permission',
];
