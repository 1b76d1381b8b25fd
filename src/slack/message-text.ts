/**
 * The text of a Slack message to triage: its `text`, plus the text of legacy attachments (bots and forwarded
 * messages put errors there). Bounded: triage reads long text head and tail anyway.
 */
const MAX_TEXT = 200_000;

export function messageText(message: { text?: string; attachments?: unknown }): string {
  const parts = [typeof message.text === 'string' ? message.text : ''];
  if (Array.isArray(message.attachments)) {
    for (const attachment of message.attachments.slice(0, 20)) {
      if (typeof attachment !== 'object' || attachment === null) continue;
      const a = attachment as Record<string, unknown>;
      for (const key of ['pretext', 'title', 'text', 'fallback']) {
        if (typeof a[key] === 'string') parts.push(a[key] as string);
      }
    }
  }
  return parts.filter(Boolean).join('\n').slice(0, MAX_TEXT);
}
