/**
 * Block Kit limits (slack-facts section 5) and the only helpers that turn untrusted text into Block Kit text:
 * every string from a person, a Report or AWS goes through `safe()` (secrets scrubbed, mrkdwn escaped) and is cut
 * to its field's limit with a visible marker, so Slack never rejects a message for its size.
 */
import type { types } from '@slack/bolt';
import { scrubSecrets } from '../../secrets.js';

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** A context element is a text object; the docs give no separate cap, so use the section text limit. */
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  inputPlaceholder: 150,
  inputInitialValue: 3000,
  privateMetadata: 3000,
  /** Slack truncates beyond 40,000 and recommends at most 4,000 for the notification fallback. */
  messageText: 4000,
} as const;

export const TRUNCATED = '… (truncated)';

/** Cuts `text` to at most `max` UTF-16 units, never splitting a surrogate pair or an `&amp;`-style entity. */
export function truncate(text: string, max: number, marker = TRUNCATED): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - marker.length);
  if (room === 0) return marker.slice(0, max);
  let cut = text.slice(0, room);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp >= cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}${marker}`;
}

/** Escapes the three characters Slack treats as markup in mrkdwn and plain text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Untrusted text made safe to show: secrets removed, control characters dropped, markup escaped. */
export function safe(text: string): string {
  return escapeMrkdwn(scrubSecrets(stripControl(text)));
}

/** Untrusted text safe inside a `code span`: like safe(), and without backticks or newlines that would end it. */
export function safeCode(text: string): string {
  return safe(text)
    .replace(/`/g, "'")
    .replace(/\s*\n\s*/g, ' ');
}

/** Untrusted text for a plain_text object (no mrkdwn, but Slack still unescapes entities): scrubbed, one line. */
export function safePlain(text: string): string {
  return scrubSecrets(stripControl(text)).replace(/\s+/g, ' ').trim();
}

function stripControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** A plain_text object: secrets scrubbed, one line, cut to `max`. */
export function plainText(text: string, max: number): types.PlainTextElement {
  const value = truncate(safePlain(text), max, '…');
  return { type: 'plain_text', text: value === '' ? ' ' : value, emoji: true };
}

export function mrkdwnText(text: string, max: number = LIMITS.sectionText): types.MrkdwnElement {
  const value = truncate(text, max);
  return { type: 'mrkdwn', text: value === '' ? ' ' : value };
}

/** A section with already-safe mrkdwn, cut to the section limit. */
export function section(text: string, blockId?: string): types.SectionBlock {
  const block: types.SectionBlock = { type: 'section', text: mrkdwnText(text, LIMITS.sectionText) };
  if (blockId) block.block_id = truncate(blockId, LIMITS.blockId, '');
  return block;
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plainText(text, LIMITS.headerText) };
}

/** A context block from already-safe mrkdwn strings (at most 10 elements). */
export function context(...texts: string[]): types.ContextBlock {
  const elements = texts
    .filter((t) => t.length > 0)
    .slice(0, LIMITS.contextElements)
    .map((t) => mrkdwnText(t, LIMITS.contextText));
  return { type: 'context', elements: elements.length > 0 ? elements : [mrkdwnText(' ')] };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

/** A fenced code block of untrusted lines that stays within `max` including the fences. */
export function codeBlock(lines: readonly string[], max: number = LIMITS.sectionText): string {
  const fence = '```';
  const body = lines.map((line) => safe(line).replace(/```/g, "'''")).join('\n');
  return `${fence}${truncate(body, max - 2 * fence.length)}${fence}`;
}

/**
 * Joins parts into one mrkdwn text of at most `max`: whole parts first; the first part that does not fit is cut,
 * the rest are counted in a marker.
 */
export function joinWithin(parts: readonly string[], max: number, separator = '\n'): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = out === '' ? part : `${out}${separator}${part}`;
    if (next.length <= max) {
      out = next;
      continue;
    }
    const left = parts.length - i - 1;
    const tail = left > 0 ? `${separator}… and ${left} more` : '';
    const room = max - out.length - tail.length - (out === '' ? 0 : separator.length);
    if (room > TRUNCATED.length + 8)
      out = out === '' ? truncate(part, room) : `${out}${separator}${truncate(part, room)}`;
    else if (out === '') out = truncate(part, max);
    return truncate(`${out}${tail}`, max);
  }
  return out;
}

/**
 * Keeps a message within the block limit: when there are too many blocks, the ones marked droppable go first,
 * from the end, and a context block says how many were left out.
 */
export function fitBlocks<T extends types.KnownBlock>(blocks: T[], max: number = LIMITS.blocksPerMessage): T[] {
  if (blocks.length <= max) return blocks;
  const keepTail = blocks.length > 0 && blocks[blocks.length - 1]?.type === 'actions' ? 1 : 0;
  const tail = keepTail ? blocks.slice(-1) : [];
  const head = blocks.slice(0, max - 1 - tail.length);
  const omitted = blocks.length - head.length - tail.length;
  const note = context(`_${omitted} more item${omitted === 1 ? '' : 's'} not shown (Slack allows ${max} blocks)._`);
  return [...head, note as T, ...tail];
}

/**
 * Fallback `text` for notifications and screen readers from already-safe text (mentions like <@U1> kept):
 * secrets scrubbed once more, whitespace collapsed, within the message text limit.
 */
export function fallbackText(text: string): string {
  return truncate(safePlain(text), LIMITS.messageText, '…');
}
