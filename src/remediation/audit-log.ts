/**
 * Every audit event also becomes one log line with the same fields (who, what, account, key id, when, outcome),
 * so the log and `bedrock-403 audit` tell the same story.
 */
import type { Logger } from '../log.js';
import type { AuditEvent } from './model.js';

export function auditLogFields(event: AuditEvent) {
  return {
    audit: {
      event: event.event,
      actor: event.actor,
      requestId: event.requestId,
      action: event.action,
      accountId: event.accountId,
      accessKeyId: event.accessKeyId,
      outcome: event.outcome,
      at: new Date(event.at).toISOString(),
      ...(event.data ? { data: event.data } : {}),
    },
  };
}

export function logAuditEvent(logger: Logger, event: AuditEvent): void {
  const line = `remediation ${event.event}: ${event.detail}`;
  if (event.outcome === 'failed') logger.error(auditLogFields(event), line);
  else if (event.outcome === 'refused') logger.warn(auditLogFields(event), line);
  else logger.info(auditLogFields(event), line);
}
