/**
 * Every Slack identifier the app answers to, in one place (DESIGN section 4, contract). Block Kit builders and the
 * manifest test import these instead of repeating strings; each listener kind's index (listeners/<kind>/index.ts)
 * maps them to their handlers.
 */

/** The slash command (manifest `features.slash_commands[0].command`). */
export const SLASH_COMMAND = '/bedrock-403';

/** The message shortcut (manifest `features.shortcuts[0].callback_id`). */
export const DIAGNOSE_SHORTCUT = 'diagnose_bedrock_403';

/** Button action ids (contract; `request_delete_key`, the follow-up after a rotation or deactivation, extends it). */
export const ACTION = {
  runDiagnosis: 'run_diagnosis',
  rerunDiagnosis: 'rerun_diagnosis',
  requestRotateKey: 'request_rotate_key',
  requestDeactivateKey: 'request_deactivate_key',
  requestDeleteKey: 'request_delete_key',
  /** A long-term Bedrock API key (DESIGN section 8): the same approval, expiry, exactly-once and audit. */
  requestDeactivateApiKey: 'request_deactivate_api_key',
  requestDeleteApiKey: 'request_delete_api_key',
  approveRequest: 'approve_request',
  rejectRequest: 'reject_request',
} as const;
export type ActionId = (typeof ACTION)[keyof typeof ACTION];

/** The modal that asks for the account when a shortcut's message names none. */
export const ACCOUNT_MODAL = {
  callbackId: 'diagnose_account_modal',
  accountBlock: 'account',
  accountInput: 'account_input',
  keyBlock: 'key',
  keyInput: 'key_input',
  regionBlock: 'region',
  regionInput: 'region_input',
  modelBlock: 'model',
  modelInput: 'model_input',
} as const;

/** Where Slack sends requests in HTTP mode (the operational paths are OPS_PATHS in src/ops/health.ts). */
export const HTTP_PATHS = {
  events: '/slack/events',
} as const;
