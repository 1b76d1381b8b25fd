/**
 * Every error family, by topic. The declarations are data (families/*.ts); signals/families.ts matches them, and the
 * base rates in use (families/base-rates.ts) are derived from each family's documented prior and the corpus.
 */
import { ACCESS_FAMILIES } from './access.js';
import { ACCOUNT_FAMILIES } from './account.js';
import { API_KEY_FAMILIES } from './api-keys.js';
import { CREDENTIAL_FAMILIES } from './credentials.js';
import { GENERIC_FAMILIES } from './generic.js';
import { MODEL_FAMILIES } from './model.js';
import { NOT_AWS_FAMILIES } from './not-aws.js';
import { REGION_FAMILIES } from './region.js';
import { SIGNATURE_FAMILIES } from './signature.js';
import { FAMILY_IDS, type Family, type FamilyId } from './types.js';

export { FAMILY_IDS, type Family, type FamilyId } from './types.js';

/** In matching order (the order only matters for explanations: every family that matches fires). */
export const FAMILIES: readonly Family[] = [
  ...CREDENTIAL_FAMILIES,
  ...SIGNATURE_FAMILIES,
  ...REGION_FAMILIES,
  ...ACCESS_FAMILIES,
  ...MODEL_FAMILIES,
  ...ACCOUNT_FAMILIES,
  ...API_KEY_FAMILIES,
  ...NOT_AWS_FAMILIES,
  ...GENERIC_FAMILIES,
];

export const FAMILY_BY_ID: Readonly<Record<FamilyId, Family>> = (() => {
  const byId = {} as Record<FamilyId, Family>;
  for (const family of FAMILIES) byId[family.id] = family;
  for (const id of FAMILY_IDS) if (!byId[id]) throw new Error(`family ${id} is not declared`);
  return byId;
})();
