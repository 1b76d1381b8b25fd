/**
 * The live diagnosis engine (DESIGN section 3). Callers build it with createDiagnosisEngine({ aws: config.aws,
 * logger }) and depend on the DiagnosisEngine interface.
 */
export type { AwsCallEvent, AwsClientSettings } from '../aws/client-factory.js';
export {
  type ApiKeyEntry,
  type ApiKeyInventory,
  type ApiKeyRisk,
  inventoryHasProblems,
  listingErrorMessage,
  RISK_TEXT,
} from './api-key-inventory.js';
export {
  createDiagnosisEngine,
  type DiagnosisEngineDeps,
  type LiveDiagnosisEngine,
} from './create-engine.js';
export type { DiagnoseOptions, DiagnosisEngine, ListApiKeysOptions } from './engine.js';
export { reportHasProblems } from './report-status.js';
export { type DiagnosisInput, TargetValidationError, validateTarget } from './target.js';
