/**
 * The key buttons under a finished checklist: the key the Report names and the changes the remediation policy
 * offers for it. The checklist renders exactly this; it decides nothing.
 */
import { offeredKeyActions } from '../remediation/policy.js';
import type { Report } from '../report.js';
import type { KeyOffer } from './blocks/checklist.js';

export function keyOfferFor(report: Report): KeyOffer | undefined {
  const { key, target } = report;
  const actions = offeredKeyActions(key);
  if (!key?.userName || actions.length === 0) return undefined;
  return {
    key: {
      accountId: target.accountId,
      userName: key.userName,
      accessKeyId: key.id,
      ...(target.region ? { region: target.region } : {}),
    },
    actions,
  };
}
