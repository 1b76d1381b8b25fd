/**
 * Input bounds. Triage reads at most MAX_TRIAGE_CHARS characters: a longer paste is reduced to its head and its
 * tail (errors sit at the top of JS/Java traces and at the bottom of Python tracebacks), and the output says so.
 */

export const MAX_TRIAGE_CHARS = 40_000;
const HEAD_CHARS = 20_000;
const TAIL_CHARS = MAX_TRIAGE_CHARS - HEAD_CHARS;
/** Secrets are searched in more of the input than triage reads, so a key pasted mid-log is still reported. */
export const MAX_SECRET_SCAN_CHARS = 2_000_000;

export interface BoundedText {
  text: string;
  truncated: boolean;
  originalLength: number;
}

/** Cuts between code units would split a surrogate pair; move the cut off a low surrogate. */
function safeCut(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index + 1 : index;
}

export function headAndTail(text: string, max: number, head: number): string {
  if (text.length <= max) return text;
  const headEnd = safeCut(text, head);
  const tailStart = safeCut(text, text.length - (max - head));
  return `${text.slice(0, headEnd)}\n\n${text.slice(tailStart)}`;
}

export function boundInput(text: string): BoundedText {
  if (text.length <= MAX_TRIAGE_CHARS) return { text, truncated: false, originalLength: text.length };
  return {
    text: headAndTail(text, MAX_TRIAGE_CHARS, HEAD_CHARS),
    truncated: true,
    originalLength: text.length,
  };
}

export const TRUNCATION = { head: HEAD_CHARS, tail: TAIL_CHARS } as const;

/** Matches looked at per pattern: real pastes name a handful; a flood of look-alikes must not cost more. */
const MAX_MATCHES = 200;

export function* limited(matches: IterableIterator<RegExpMatchArray>, max = MAX_MATCHES): Generator<RegExpMatchArray> {
  let count = 0;
  for (const match of matches) {
    if (++count > max) return;
    yield match;
  }
}
