/**
 * An independent checker of Block Kit limits (slack-facts section 5), written from the docs' numbers rather than
 * from src/slack/blocks/limits.ts, so a wrong constant there is caught here.
 */
type Json = Record<string, unknown>;

function textOf(obj: unknown): string | undefined {
  return typeof obj === 'object' && obj !== null && typeof (obj as Json).text === 'string'
    ? ((obj as Json).text as string)
    : undefined;
}

function checkText(where: string, obj: unknown, max: number, out: string[], plainOnly = false): void {
  const text = textOf(obj);
  if (text === undefined) {
    out.push(`${where}: missing text object`);
    return;
  }
  if (text.length === 0) out.push(`${where}: empty text`);
  if (text.length > max) out.push(`${where}: ${text.length} > ${max} chars`);
  if (plainOnly && (obj as Json).type !== 'plain_text') out.push(`${where}: must be plain_text`);
}

function checkButton(where: string, el: Json, out: string[]): void {
  checkText(`${where}.text`, el.text, 75, out, true);
  if (typeof el.action_id === 'string' && el.action_id.length > 255) out.push(`${where}.action_id too long`);
  if (typeof el.value === 'string' && el.value.length > 2000) out.push(`${where}.value ${el.value.length} > 2000`);
  if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') out.push(`${where}.style invalid`);
  if (el.confirm) {
    const c = el.confirm as Json;
    checkText(`${where}.confirm.title`, c.title, 100, out, true);
    checkText(`${where}.confirm.text`, c.text, 300, out);
    checkText(`${where}.confirm.confirm`, c.confirm, 30, out, true);
    checkText(`${where}.confirm.deny`, c.deny, 30, out, true);
  }
}

export function blockViolations(blocks: unknown, maxBlocks = 50): string[] {
  const out: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks > ${maxBlocks}`);
  const ids = new Set<string>();
  let tables = 0;
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const where = `blocks[${i}](${String(b.type)})`;
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > 255) out.push(`${where}.block_id too long`);
      if (ids.has(b.block_id)) out.push(`${where}.block_id duplicate`);
      ids.add(b.block_id);
    }
    switch (b.type) {
      case 'section': {
        if (b.text === undefined && b.fields === undefined) out.push(`${where}: needs text or fields`);
        if (b.text !== undefined) checkText(`${where}.text`, b.text, 3000, out);
        if (Array.isArray(b.fields)) {
          if (b.fields.length > 10) out.push(`${where}.fields > 10`);
          b.fields.forEach((f, j) => {
            checkText(`${where}.fields[${j}]`, f, 2000, out);
          });
        }
        if (b.accessory && (b.accessory as Json).type === 'button')
          checkButton(`${where}.accessory`, b.accessory as Json, out);
        break;
      }
      case 'header':
        checkText(`${where}.text`, b.text, 150, out, true);
        break;
      case 'context': {
        const els = b.elements as unknown[];
        if (!Array.isArray(els) || els.length === 0) out.push(`${where}: no elements`);
        else {
          if (els.length > 10) out.push(`${where}.elements > 10`);
          els.forEach((e, j) => {
            checkText(`${where}.elements[${j}]`, e, 3000, out);
          });
        }
        break;
      }
      case 'actions': {
        const els = b.elements as Json[];
        if (!Array.isArray(els) || els.length === 0) out.push(`${where}: no elements`);
        else {
          if (els.length > 25) out.push(`${where}.elements > 25`);
          const actionIds = new Set<string>();
          els.forEach((e, j) => {
            if (e.type === 'button') checkButton(`${where}.elements[${j}]`, e, out);
            if (typeof e.action_id === 'string') {
              if (actionIds.has(e.action_id)) out.push(`${where}: duplicate action_id ${e.action_id}`);
              actionIds.add(e.action_id);
            }
          });
        }
        break;
      }
      case 'input': {
        checkText(`${where}.label`, b.label, 2000, out, true);
        const el = b.element as Json | undefined;
        if (el?.placeholder) checkText(`${where}.element.placeholder`, el.placeholder, 150, out, true);
        if (typeof el?.initial_value === 'string' && el.initial_value.length > 3000)
          out.push(`${where} initial_value too long`);
        break;
      }
      case 'table': {
        // docs.slack.dev table-block: at most 100 rows of at most 20 cells (raw_text, rich_text or raw_number);
        // one table per message; 10,000 characters across all cells (the data-table page states it for tables).
        tables++;
        const rows = b.rows as Json[][];
        if (!Array.isArray(rows) || rows.length === 0) out.push(`${where}: no rows`);
        else {
          if (rows.length > 100) out.push(`${where}.rows > 100`);
          let characters = 0;
          rows.forEach((row, j) => {
            if (!Array.isArray(row) || row.length === 0 || row.length > 20)
              out.push(`${where}.rows[${j}]: 1..20 cells`);
            for (const c of row ?? []) {
              if (c.type !== 'raw_text' && c.type !== 'rich_text' && c.type !== 'raw_number') {
                out.push(`${where}.rows[${j}]: bad cell type`);
              }
              if (c.type === 'raw_text') {
                if (typeof c.text !== 'string' || c.text.length === 0) out.push(`${where}.rows[${j}]: empty raw_text`);
                else characters += c.text.length;
              }
            }
          });
          if (characters > 10_000) out.push(`${where}: ${characters} characters in cells > 10000`);
        }
        if (Array.isArray(b.column_settings) && b.column_settings.length > 20)
          out.push(`${where}.column_settings > 20`);
        if (tables > 1) out.push(`${where}: more than one table in the message`);
        break;
      }
      case 'divider':
        break;
      default:
        out.push(`${where}: unexpected block type`);
    }
  });
  return out;
}

/** Violations of a chat.postMessage / chat.update / respond payload. */
export function messageViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const out = blockViolations(message.blocks);
  if (typeof message.text !== 'string' || message.text.length === 0) out.push('text fallback missing');
  else if (message.text.length > 4000) out.push(`text ${message.text.length} > 4000`);
  return out;
}

/** Violations of a modal view. */
export function modalViolations(view: Json): string[] {
  const out = blockViolations(view.blocks, 100);
  checkText('title', view.title, 24, out, true);
  if (view.submit) checkText('submit', view.submit, 24, out, true);
  if (view.close) checkText('close', view.close, 24, out, true);
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
    out.push('private_metadata > 3000');
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) out.push('callback_id > 255');
  const hasInput = Array.isArray(view.blocks) && (view.blocks as Json[]).some((b) => b.type === 'input');
  if (hasInput && !view.submit) out.push('submit required with input blocks');
  return out;
}

/** All the text a person would see in a message (for "never repeats the secret" assertions). */
export function visibleText(message: unknown): string {
  return JSON.stringify(message);
}
