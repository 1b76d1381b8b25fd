/** The API-key inventory as plain text: counts, findings, one line per key (riskiest first), console users. */
import type { ApiKeyInventory } from '../diagnosis/index.js';
import { RISK_TEXT } from '../diagnosis/index.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function renderApiKeys(inventory: ApiKeyInventory): string {
  const { counts } = inventory;
  const out: string[] = [
    `Bedrock API keys in account ${inventory.accountId} (listed ${inventory.listedAt})`,
    `${counts.total} key(s) of ${counts.users} user(s): ${counts.active} active, ${counts.inactive} inactive, ` +
      `${counts.expired} expired; ${counts.neverExpiring} never expire.`,
  ];
  if (inventory.findings.length > 0) {
    out.push('', 'Findings:');
    for (const f of inventory.findings) out.push(`  - ${f}`);
  }
  if (inventory.keys.length > 0) {
    const userWidth = Math.min(40, Math.max(4, ...inventory.keys.map((k) => k.userName.length)));
    const idWidth = Math.min(40, Math.max(13, ...inventory.keys.map((k) => k.credentialId.length)));
    out.push(
      '',
      `${pad('USER', userWidth)}  ${pad('CREDENTIAL ID', idWidth)}  ${pad('STATUS', 8)}  ${pad('AGE', 7)}  ${pad('EXPIRES', 10)}  RISKS`,
    );
    for (const k of inventory.keys) {
      out.push(
        `${pad(k.userName, userWidth)}  ${pad(k.credentialId, idWidth)}  ${pad(k.status, 8)}  ` +
          `${pad(k.ageDays === undefined ? '?' : `${k.ageDays} d`, 7)}  ${pad(k.expiresAt?.slice(0, 10) ?? 'never', 10)}  ` +
          (k.risks.map((r) => RISK_TEXT[r]).join(', ') || '-'),
      );
    }
  }
  if (inventory.consoleUsers.length > 0) {
    out.push('', 'Console-made users (BedrockAPIKey-*):');
    for (const u of inventory.consoleUsers) {
      const policies = u.policies
        ? u.policies.length > 0
          ? u.policies.join(', ')
          : 'no attached policies'
        : `policies not read${u.policyError ? ` (${u.policyError})` : ''}`;
      out.push(`  ${u.userName}: ${u.activeKeys} of ${u.keys} key(s) active; ${policies}`);
    }
  }
  return `${out.join('\n')}\n`;
}
