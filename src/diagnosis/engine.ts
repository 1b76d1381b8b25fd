/**
 * The interface between the diagnosis engine and its callers (CLI, Slack). The implementation lives next to
 * this file (createDiagnosisEngine); callers depend only on this shape.
 */
import type { CheckResult, Report, Target, Triage } from '../report.js';
import type { ApiKeyInventory } from './api-key-inventory.js';

export interface DiagnoseOptions {
  /** Who asked (Slack user id / name, or the CLI user): becomes the RoleSessionName seen in CloudTrail. */
  requestedBy?: string;
  /** Triage of pasted text, merged into the Report's causes. */
  triage?: Triage;
  /** Called whenever a check finishes (for live-updating Slack messages). Never throws into the engine. */
  onCheck?: (check: CheckResult, done: readonly CheckResult[]) => void;
  /** Overrides the engine's default whole-diagnosis deadline. */
  deadlineMs?: number;
  /** The diagnostic role's external id for this account (accounts file `diagExternalId`); default DIAG_EXTERNAL_ID. */
  externalId?: string;
  /** Aborts the diagnosis (shutdown). */
  signal?: AbortSignal;
}

export interface ListApiKeysOptions {
  /** Who asked: becomes the RoleSessionName seen in CloudTrail. */
  requestedBy?: string;
  deadlineMs?: number;
  signal?: AbortSignal;
}

export interface DiagnosisEngine {
  diagnose(target: Target, options?: DiagnoseOptions): Promise<Report>;
  /** Every Bedrock API key of the account (DESIGN section 8: `api-keys`); absent in engines that cannot list. */
  listApiKeys?(accountId: string, options?: ListApiKeysOptions): Promise<ApiKeyInventory>;
}
