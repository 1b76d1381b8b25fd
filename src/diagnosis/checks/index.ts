/** Every check of DESIGN section 3, in report order (CHECK_IDS). */
import type { CheckDefinition } from '../check.js';
import { apiKeyCheck } from './api_key.js';
import { cloudTrailCheck } from './cloudtrail.js';
import { controlPathCheck } from './control_path.js';
import { credentialTypeCheck } from './credential_type.js';
import { diagRoleCheck } from './diag_role.js';
import { guardrailsCheck } from './guardrails.js';
import { keyOwnerCheck } from './key_owner.js';
import { keyStatusCheck } from './key_status.js';
import { modelAccessCheck } from './model_access.js';
import { permissionsCheck } from './permissions.js';
import { regionCheck } from './region.js';

export const ALL_CHECKS: readonly CheckDefinition[] = [
  diagRoleCheck,
  keyOwnerCheck,
  keyStatusCheck,
  credentialTypeCheck,
  apiKeyCheck,
  regionCheck,
  permissionsCheck,
  modelAccessCheck,
  controlPathCheck,
  cloudTrailCheck,
  guardrailsCheck,
];
