/**
 * The key buttons under a finished checklist: the key the Report names and the changes the remediation policy
 * offers for it. The checklist renders exactly this; it decides nothing.
 */
import { offeredApiKeyActions, offeredKeyActions } from '../remediation/policy.js';
import type { Report } from '../report.js';
import type { ApiKeyOffer, KeyOffer } from './blocks/checklist.js';

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

/** The containment buttons for the report's long-term Bedrock API key, when IAM holds it. */
export function apiKeyOfferFor(report: Report): ApiKeyOffer | undefined {
  const record = report.apiKeyRecord;
  const actions = offeredApiKeyActions(record);
  if (!record || actions.length === 0) return undefined;
  return {
    key: {
      accountId: report.target.accountId,
      userName: record.userName,
      credentialId: record.credentialId,
      ...(report.target.region ? { region: report.target.region } : {}),
    },
    actions,
  };
}
