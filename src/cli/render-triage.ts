/**
 * The Triage object as text for people: a leaked-secret warning first, then the ranked causes with confidence,
 * why and fix steps, the findings, the entities seen, and the commands to run. Plain text, wrapped to a width.
 */
import { DENYING_POLICY_TYPE_NAMES } from '../aws-facts/policy-arns.js';
import type { Entities, Triage } from '../report.js';

export interface RenderOptions {
  /** Wrap width in characters (default 100). */
  width?: number;
}

function wrap(text: string, width: number, indent: string, firstIndent = indent): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = firstIndent;
  let lineHasWord = false;
  for (const word of words) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      lineHasWord = false;
    }
    line += lineHasWord ? ` ${word}` : word;
    lineHasWord = true;
  }
  if (lineHasWord) lines.push(line);
  return lines;
}

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

function describeEntities(e: Entities): string[] {
  const parts: string[] = [];
  if (e.accessKeyId) {
    const details = [e.accessKeyType?.replace('_', '-'), e.keyAccountId ? `account ${e.keyAccountId}` : undefined]
      .filter(Boolean)
      .join(', ');
    parts.push(`access key ${e.accessKeyId}${details ? ` (${details})` : ''}`);
  }
  if (e.apiKeyType) parts.push(describeApiKey(e));
  if (e.principalArn) parts.push(`principal ${e.principalArn}`);
  if (e.accountId) parts.push(`account ${e.accountId}`);
  if (e.region) parts.push(`region ${e.region}`);
  if (e.modelId) parts.push(`model ${e.modelId}`);
  if (e.service) parts.push(`service ${e.service}`);
  if (e.operation) parts.push(`operation ${e.operation}`);
  if (e.action && e.action !== e.operation) parts.push(`action ${e.action}`);
  if (e.errorCode) parts.push(`error ${e.errorCode}`);
  if (e.httpStatus !== undefined) parts.push(`HTTP ${e.httpStatus}`);
  if (e.requestId) parts.push(`request id ${e.requestId}`);
  if (e.denyingPolicyType) {
    parts.push(
      `denied by ${DENYING_POLICY_TYPE_NAMES[e.denyingPolicyType]}${e.denyingPolicyArn ? ` ${e.denyingPolicyArn}` : ''}`,
    );
  }
  return parts;
}

/** `Bedrock API key long-term (user U, account A)`: what the key carries, never the key. */
function describeApiKey(e: Entities): string {
  const details =
    e.apiKeyType === 'long_term'
      ? [
          e.apiKeyUser ? `user ${e.apiKeyUser}` : undefined,
          e.apiKeyAccountId ? `account ${e.apiKeyAccountId}` : undefined,
        ]
      : [
          e.apiKeyRegion ? `region ${e.apiKeyRegion}` : undefined,
          e.apiKeyExpiresAt ? `expires ${e.apiKeyExpiresAt}` : undefined,
          e.apiKeyAccountId ? `account ${e.apiKeyAccountId}` : undefined,
        ];
  const known = details.filter(Boolean).join(', ');
  return `Bedrock API key ${e.apiKeyType === 'long_term' ? 'long-term' : 'short-term'}${known ? ` (${known})` : ''}`;
}

export function renderTriage(t: Triage, options: RenderOptions = {}): string {
  const width = Math.max(40, options.width ?? 100);
  const out: string[] = [];
  const leak = t.secretsFound ? t.findings.find((f) => f.startsWith('LEAKED SECRET')) : undefined;
  if (t.secretsFound) {
    out.push(
      ...wrap(
        leak ?? 'LEAKED SECRET: this text contains a secret. Treat it as leaked: rotate it now.',
        width,
        '   ',
        '!! ',
      ),
    );
    out.push('');
  }

  if (t.causes.length === 0) {
    out.push('No AWS authentication or permission problem recognised in this text.');
  } else {
    out.push(
      t.ambiguous
        ? 'Likely causes (the text alone cannot tell the first ones apart; the findings say what would):'
        : 'Likely causes:',
    );
    t.causes.forEach((cause, index) => {
      out.push('');
      out.push(
        ...wrap(`${index + 1}. ${cause.title} [${cause.id}, ${percent(cause.confidence)}]`, width, '     ', '  '),
      );
      out.push(...wrap(cause.why, width, '          ', '     Why: '));
      if (cause.fix.length > 0) {
        out.push('     Fix:');
        cause.fix.forEach((step, i) => {
          out.push(...wrap(step, width, '          ', `       ${i + 1}. `));
        });
      }
    });
  }

  const findings = t.findings.filter((f) => f !== leak);
  if (findings.length > 0) {
    out.push('', 'Findings:');
    for (const finding of findings) out.push(...wrap(finding, width, '    ', '  - '));
  }

  const seen = describeEntities(t.entities);
  if (seen.length > 0) {
    out.push('', 'Seen in the text:');
    out.push(...wrap(seen.join('; '), width, '    ', '    '));
  }

  if (t.commands.length > 0) {
    out.push('', 'Run these on the machine that fails (the bot cannot see it):');
    for (const command of t.commands) out.push(`  $ ${command}`);
  }
  if (t.truncated) out.push('', '(input truncated: only its head and tail were read)');
  return `${out.join('\n')}\n`;
}
