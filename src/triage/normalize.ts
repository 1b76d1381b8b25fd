/**
 * Turns text as people paste it into plain text the extractors can read: Slack escapes and link markup, code
 * fences and backticks, quote markers, CRLF, zero-width and control characters, terminal colour codes,
 * typographic quotes, and string escapes of JSON / Python / JS bodies (`\n`, `\"`, `\u2019`, nested once more for
 * JSON inside JSON), and the log-line prefixes repeated on every line of a logged message (log-prefix.ts). Every pattern is linear: bounded quantifiers over classes that exclude their own delimiter.
 */

import { stripLogPrefixes } from './log-prefix.js';

export interface NormalizedText {
  /** Line structure kept: for line-oriented parsers (tool output tables, env dumps). */
  text: string;
  /** Every run of whitespace collapsed to one space: phrase matching across wrapped lines. */
  flat: string;
  /** `flat` with ASCII letters in lower case: same length and indices as `flat`. */
  lower: string;
  /** The timestamps of the log-line prefixes removed from `text` (log-prefix.ts), one a line; '' when none. */
  logStamps: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u2033]/g;

/**
 * Character-level clean-up in one pass: CRLF and CR to LF; zero-width, soft hyphen, BOM and control characters
 * dropped; terminal colour codes dropped; exotic spaces and box-drawing frames to a space; typographic quotes and
 * hyphens to ASCII; backticks dropped and a code fence (with the language tag that ends its line) turned into a line
 * break.
 */
function cleanCharacters(input: string): string {
  const parts: string[] = [];
  let runStart = 0;
  const flush = (end: number, replacement: string) => {
    if (end > runStart) parts.push(input.slice(runStart, end));
    if (replacement) parts.push(replacement);
  };
  let i = 0;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    let skip = 0;
    let replacement = '';
    if (code === 0x0d) {
      skip = input.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      replacement = '\n';
    } else if (code === 0x1b) {
      skip = 1;
      if (input[i + 1] === '[') {
        let j = i + 2;
        while (j < input.length && j - i < 26 && /[0-9;?]/.test(input[j] ?? '')) j++;
        if (/[A-Za-z]/.test(input[j] ?? '')) skip = j + 1 - i;
      }
    } else if (code < 0x20 ? code !== 0x09 && code !== 0x0a : code === 0x7f) {
      skip = 1;
    } else if (code === 0x60) {
      let j = i;
      while (j < input.length && input.charCodeAt(j) === 0x60) j++;
      skip = j - i;
      if (skip >= 3) {
        replacement = '\n';
        while (j < input.length && j - i - skip < 20 && /[A-Za-z0-9_+-]/.test(input[j] ?? '')) j++;
        // A language tag ends its line ("```json"); a word right after the fence on the same line is the paste's
        // first word ("```AccessDeniedException: ...```" typed on one line in Slack), kept.
        let k = j;
        while (input[k] === ' ' || input[k] === '\t') k++;
        if (k >= input.length || input[k] === '\n' || input[k] === '\r') skip = j - i;
      }
    } else if (code >= 0x80) {
      if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || code === 0xad) skip = 1;
      else if (
        code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000
      ) {
        skip = 1;
        replacement = ' ';
      } else if (code === 0x2018 || code === 0x2019 || code === 0x201b || code === 0x2032) {
        skip = 1;
        replacement = "'";
      } else if (code === 0x201c || code === 0x201d || code === 0x201e || code === 0x2033) {
        skip = 1;
        replacement = '"';
      } else if (code === 0x2010 || code === 0x2011) {
        skip = 1;
        replacement = '-';
      } else if (code >= 0x2500 && code <= 0x257f) {
        // Box-drawing frames of terminal UIs (│ ┃ ╭ ╰ ─) around wrapped lines: a space, so words stay apart.
        skip = 1;
        replacement = ' ';
      }
    }
    if (skip > 0) {
      flush(i, replacement);
      i += skip;
      runStart = i;
    } else {
      i++;
    }
  }
  if (runStart === 0) return input;
  flush(input.length, '');
  return parts.join('');
}

/** Slack link markup: <https://x|label>, <mailto:a@b|a@b>; the class excludes `<` so each scan stops at the next. */
const SLACK_LINK = /<((?:https?:\/\/|mailto:)[^<>|\s]{0,2048})(?:\|([^<>]{0,2048}))?>/g;
/** Slack mentions and specials: <@U123>, <#C123|name>, <!here>, <!subteam^S1|@team>. */
const SLACK_SPECIAL = /<([@#!][^<>|\s]{0,200})(?:\|([^<>]{0,200}))?>/g;
const HTML_ENTITY = /&(lt|gt|quot|apos|#39|#x27|#x2F|#47|nbsp);/g;
const AMP = /&amp;/g;
const ENTITY_CHARS: Record<string, string> = {
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  '#x27': "'",
  '#x2F': '/',
  '#47': '/',
  nbsp: ' ',
};

const QUOTE_MARKER = /^[ \t]{0,8}(?:>[ \t]?){1,3}/gm;

/** A backslash escape JSON, Python repr or JS inspect would write. */
const ESCAPE_HINT = /\\[nrt"'\\/ux]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const HEX2 = /^[0-9a-fA-F]{2}$/;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\n', t: '\t', '"': '"', "'": "'", '\\': '\\', '/': '/' };

/** Undoes one level of backslash escapes (`\n`, `\"`, `\\`, `\u2019`, `\x41`) in a single pass. */
function unescapeOnce(text: string): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = text.indexOf('\\');
  while (i >= 0 && i < text.length - 1) {
    const next = text[i + 1] ?? '';
    let replacement: string | undefined = SIMPLE_ESCAPES[next];
    let length = 2;
    if (replacement === undefined && next === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
      replacement = String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
      length = 6;
    } else if (replacement === undefined && next === 'x' && HEX2.test(text.slice(i + 2, i + 4))) {
      replacement = String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 4), 16));
      length = 4;
    }
    if (replacement === undefined) {
      i = text.indexOf('\\', i + 1);
      continue;
    }
    parts.push(text.slice(runStart, i), replacement);
    runStart = i + length;
    i = text.indexOf('\\', runStart);
  }
  if (runStart === 0) return text;
  parts.push(text.slice(runStart));
  return parts.join('');
}

function slackLink(_whole: string, target: string, label?: string): string {
  if (label !== undefined && label.length > 0) return label;
  return target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
}

export function normalizePaste(input: string): NormalizedText {
  let text = cleanCharacters(input);
  // Slack markup uses real angle brackets; what the person typed arrives as &lt; &gt; and is decoded after.
  if (text.includes('<')) {
    text = text.replace(SLACK_LINK, slackLink);
    text = text.replace(SLACK_SPECIAL, (_whole, target: string, label?: string) => label ?? target.slice(1));
  }
  if (text.includes('&')) {
    text = text.replace(HTML_ENTITY, (_whole, name: string) => ENTITY_CHARS[name] ?? '');
    text = text.replace(AMP, '&');
  }
  if (text.includes('>')) text = text.replace(QUOTE_MARKER, '');
  let unescaped = false;
  for (let pass = 0; pass < 2 && ESCAPE_HINT.test(text); pass++) {
    text = unescapeOnce(text);
    unescaped = true;
  }
  if (unescaped) {
    text = text.replace(CONTROL, '').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
  }
  const logged = stripLogPrefixes(text);
  // A quoted log (`> 2026-... ERROR ...`) lost its marker above; a logged quote (`2026-... > ...`) loses it here.
  if (logged.text !== text && logged.text.includes('>')) logged.text = logged.text.replace(QUOTE_MARKER, '');
  return flatViews(logged.text, logged.stamps);
}

/** The flat and lower-case views of a text (also for the scrubbed text, with the stamps of its unscrubbed one). */
export function flatViews(text: string, logStamps = ''): NormalizedText {
  const flat = text.replace(/\s+/g, ' ');
  // ASCII-only lower case keeps every index of `lower` valid in `flat` (full Unicode folding can change lengths).
  return { text, flat, lower: flat.replace(/[A-Z]+/g, (run) => run.toLowerCase()), logStamps };
}
