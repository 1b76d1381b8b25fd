/**
 * Turns text as people paste it into plain text the extractors can read: Slack escapes and link markup, code
 * fences and backticks, quote markers, CRLF, zero-width and control characters, terminal colour codes,
 * typographic quotes, and string escapes of JSON / Python / JS bodies (`\n`, `\"`, `\u2019`, nested once more for
 * JSON inside JSON). Every pattern is linear: bounded quantifiers over classes that exclude their own delimiter.
 */

export interface NormalizedText {
  /** Line structure kept: for line-oriented parsers (tool output tables, env dumps). */
  text: string;
  /** Every run of whitespace collapsed to one space: phrase matching across wrapped lines. */
  flat: string;
  /** `flat` with ASCII letters in lower case: same length and indices as `flat`. */
  lower: string;
}

const ANSI_ESCAPE = /\u001b\[[0-9;?]{0,24}[A-Za-z]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u2033]/g;
const HYPHENS = /[\u2010\u2011]/g;

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

const FENCE = /```[A-Za-z0-9_+-]{0,20}/g;
const BACKTICK = /`/g;
const QUOTE_MARKER = /^[ \t]{0,8}>{1,3}[ \t]?/gm;

/** One level of backslash escapes as written by JSON, Python repr and JS inspect. */
const STRING_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([nrt"'\\/]))/g;
const ESCAPE_HINT = /\\[nrt"'\\/u]/;

function unescapeOnce(text: string): string {
  return text.replace(STRING_ESCAPE, (_whole, unicode?: string, hex?: string, simple?: string) => {
    if (unicode !== undefined) return String.fromCharCode(Number.parseInt(unicode, 16));
    if (hex !== undefined) return String.fromCharCode(Number.parseInt(hex, 16));
    switch (simple) {
      case 'n':
        return '\n';
      case 'r':
        return '\n';
      case 't':
        return '\t';
      default:
        return simple ?? '';
    }
  });
}

function slackLink(_whole: string, target: string, label?: string): string {
  if (label !== undefined && label.length > 0) return label;
  return target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
}

export function normalizePaste(input: string): NormalizedText {
  let text = input.replace(/\r\n?/g, '\n');
  text = text.replace(ANSI_ESCAPE, '').replace(INVISIBLE, '').replace(CONTROL, '');
  text = text.replace(UNICODE_SPACE, ' ');
  // Slack markup uses real angle brackets; what the person typed arrives as &lt; &gt; and is decoded after.
  text = text.replace(SLACK_LINK, slackLink);
  text = text.replace(SLACK_SPECIAL, (_whole, target: string, label?: string) => label ?? target.slice(1));
  text = text.replace(HTML_ENTITY, (_whole, name: string) => ENTITY_CHARS[name] ?? '');
  text = text.replace(AMP, '&');
  text = text.replace(FENCE, '\n').replace(BACKTICK, '');
  text = text.replace(QUOTE_MARKER, '');
  for (let pass = 0; pass < 2 && ESCAPE_HINT.test(text); pass++) text = unescapeOnce(text);
  text = text.replace(CONTROL, '');
  text = text.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(HYPHENS, '-');
  const flat = text.replace(/\s+/g, ' ');
  // ASCII-only lower case keeps every index of `lower` valid in `flat` (full Unicode folding can change lengths).
  return { text, flat, lower: flat.replace(/[A-Z]+/g, (run) => run.toLowerCase()) };
}
