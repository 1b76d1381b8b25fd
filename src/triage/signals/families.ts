/**
 * Message families found in a text: every wording of every family (families/*.ts) looked up as whole words in the
 * flattened lower-case text, the bounded patterns, then the AWS error codes for the families no more specific
 * message claimed; errors from another sender only when no AWS family matched; a bare 403 / "not authorized" or any
 * error-looking text as the last resort. One pass of indexOf per wording: linear in the text.
 */
import { isAwsEndpointHost } from '../../aws-facts/endpoints.js';
import { FAMILIES, FAMILY_BY_ID, type FamilyId } from '../families/index.js';
import type { NormalizedText } from '../normalize.js';
import { clip, sentenceAround } from '../quote.js';

export interface FamilyMatch {
  id: FamilyId;
  evidence: string;
}

export interface FamilyDetection {
  matches: FamilyMatch[];
  /** Who sent an error that did not come from AWS (families with senders), in the order found. */
  senders: string[];
}

const ALNUM = /[a-z0-9]/;

/** First index of `phrase` in `lower` where it stands as whole words (no letter or digit glued to either end). */
export function findPhrase(lower: string, phrase: string): number {
  const checkStart = ALNUM.test(phrase[0] ?? '');
  const checkEnd = ALNUM.test(phrase[phrase.length - 1] ?? '');
  let from = 0;
  for (;;) {
    const index = lower.indexOf(phrase, from);
    if (index < 0) return -1;
    const before = lower[index - 1];
    const after = lower[index + phrase.length];
    const startOk = !checkStart || before === undefined || !ALNUM.test(before);
    const endOk = !checkEnd || after === undefined || !ALNUM.test(after);
    if (startOk && endOk) return index;
    from = index + 1;
  }
}

/** True when `word` (lower case) stands as a whole word in the lower-case text. */
export function hasWord(lower: string, word: string): boolean {
  return findPhrase(lower, word) >= 0;
}

/** Every error code some family stands for, as one case-sensitive whole-word pattern. */
const CODE_FAMILY = new Map<string, Array<{ family: FamilyId; when?: RegExp }>>();
for (const family of FAMILIES) {
  for (const rule of family.codes ?? []) {
    const code = typeof rule === 'string' ? rule : rule.code;
    const list = CODE_FAMILY.get(code) ?? [];
    list.push(typeof rule === 'string' ? { family: family.id } : { family: family.id, when: rule.when });
    CODE_FAMILY.set(code, list);
  }
}
/** Codes match with either case of their first letter: the agent runtime answers `accessDeniedException`. */
const CODE_WORD = new RegExp(
  `(?<![A-Za-z0-9])(${[...CODE_FAMILY.keys()]
    .sort((a, b) => b.length - a.length)
    .map((code) => `[${code[0]}${code[0]?.toLowerCase()}]${code.slice(1)}`)
    .join('|')})(?![A-Za-z0-9])`,
  'g',
);
const canonicalCode = (code: string) => `${code[0]?.toUpperCase() ?? ''}${code.slice(1)}`;
const MAX_CODE_MATCHES = 200;

function quoteAt(norm: NormalizedText, index: number, length: number): string {
  return `the error says "${sentenceAround(norm.flat, index, length)}"`;
}

/** AWS's own sites (console, sign-in, docs): not service endpoints (aws-facts/endpoints.ts), but AWS all the same. */
const AWS_SITE = /(?:^|\.)(?:amazon\.com|aws\.dev)$/;
/** Hosts that only appear as links (docs, code hosting) in pastes. */
const LINK_HOST =
  /(?:^|\.)(?:github\.com|githubusercontent\.com|gitlab\.com|stackoverflow\.com|npmjs\.com|pypi\.org|readthedocs\.io|curl\.haxx\.se|curl\.se|sentry\.io|mozilla\.org|python\.org|nodejs\.org|google\.com)$|^docs\./;
const URL_HOST = /\bhttps?:\/\/([a-z0-9.-]{1,253})(?::(\d{1,5}))?/g;

/**
 * The endpoint a text shows when it is not AWS's (`http://localhost:3000/...`, `https://api.openai.com/...`): the
 * first URL host that is neither a link to documentation or code nor an AWS host, and only when no AWS host appears.
 */
function nonAwsEndpoint(lower: string): string | undefined {
  let endpoint: string | undefined;
  let seen = 0;
  for (const m of lower.matchAll(URL_HOST)) {
    if (++seen > 50) break;
    const host = m[1] ?? '';
    if (isAwsEndpointHost(host) || AWS_SITE.test(host)) return undefined;
    if (!endpoint && !LINK_HOST.test(host)) endpoint = m[2] ? `${host}:${m[2]}` : host;
  }
  return endpoint;
}

/** Wordings long enough that, with the spaces taken out, they cannot appear by chance across other words. */
const MIN_WRAPPED_LENGTH = 24;
const WRAPPED_WORDINGS: ReadonlyArray<{ family: FamilyId; phrase: string; squashed: string }> = FAMILIES.filter(
  (f) => !f.lastResort && !f.senders,
).flatMap((f) =>
  f.wordings
    .map((phrase) => ({ family: f.id, phrase, squashed: phrase.replace(/\s+/g, '') }))
    .filter((w) => w.squashed.length >= MIN_WRAPPED_LENGTH),
);

/**
 * A terminal, a console or an e-mail that wraps at a fixed width breaks words in two ("The security token i" /
 * "ncluded in the request is invalid"): when no family matched, the wordings are looked up once more in the text
 * with every space taken out. Only long wordings, so that nothing matches by chance.
 */
function wrappedWording(norm: NormalizedText, found: Map<FamilyId, string>): void {
  const squashed = norm.lower.replace(/\s+/g, '');
  for (const w of WRAPPED_WORDINGS) {
    if (found.has(w.family) || !squashed.includes(w.squashed)) continue;
    found.set(w.family, `the error says "${w.phrase}" (broken across lines in the paste)`);
  }
  for (const id of [...found.keys()]) {
    if ((FAMILY_BY_ID[id].yieldsTo ?? []).some((other) => found.has(other))) found.delete(id);
  }
}

export function detectFamilies(
  norm: NormalizedText,
  errorCode: string | undefined,
  httpStatus: number | undefined,
): FamilyDetection {
  const found = new Map<FamilyId, string>();
  const senders: string[] = [];
  for (const family of FAMILIES) {
    if (family.lastResort) continue;
    let evidence: string | undefined;
    for (const phrase of family.wordings) {
      const index = findPhrase(norm.lower, phrase);
      if (index >= 0) {
        evidence = quoteAt(norm, index, phrase.length);
        break;
      }
    }
    for (const sender of family.senders ?? []) {
      const index = findPhrase(norm.lower, sender.wording);
      if (index < 0) continue;
      evidence ??= quoteAt(norm, index, sender.wording.length);
      if (!senders.includes(sender.name)) senders.push(sender.name);
    }
    if (evidence === undefined) {
      for (const pattern of family.patterns ?? []) {
        const match = pattern.exec(norm.lower);
        if (match) {
          evidence = quoteAt(norm, match.index, match[0].length);
          break;
        }
      }
    }
    if (evidence !== undefined) found.set(family.id, evidence);
  }
  // Against what was found, not what is left: a family that yields to one that itself yields (langchain-aws's
  // summary to the NoRegionError it caught) still gives way to it.
  const matched = new Set(found.keys());
  for (const id of matched) {
    if ((FAMILY_BY_ID[id].yieldsTo ?? []).some((other) => matched.has(other))) found.delete(id);
  }

  const codes = new Set<string>();
  if (errorCode) codes.add(canonicalCode(errorCode));
  let codeMatches = 0;
  for (const match of norm.flat.matchAll(CODE_WORD)) {
    codes.add(canonicalCode(match[1] ?? ''));
    if (++codeMatches >= MAX_CODE_MATCHES) break;
  }
  for (const code of codes) {
    const rule = (CODE_FAMILY.get(code) ?? []).find((r) => !r.when || r.when.test(norm.lower));
    if (!rule || found.has(rule.family)) continue;
    if ((FAMILY_BY_ID[rule.family].codeYieldsTo ?? []).some((other) => found.has(other))) continue;
    found.set(rule.family, `the error code is ${code}`);
  }

  // Another sender's words only count when no AWS message is in the text (a wrapper's words around an AWS error).
  const fromAws = [...found.keys()].some((id) => !FAMILY_BY_ID[id].senders);
  if (fromAws) {
    for (const id of [...found.keys()]) if (FAMILY_BY_ID[id].senders) found.delete(id);
    senders.length = 0;
  }

  if (found.size === 0) wrappedWording(norm, found);

  if (found.size === 0) {
    const generic = FAMILY_BY_ID.generic_auth.patterns?.[0]?.exec(norm.lower);
    const host = generic || httpStatus === 401 || httpStatus === 403 ? nonAwsEndpoint(norm.lower) : undefined;
    if (host) {
      // A bare refusal from a URL that is not an AWS endpoint: that service answered, AWS never saw the request.
      found.set('proxy_auth', `the request went to ${host}, which is not an AWS endpoint`);
      senders.push(`the service at ${host} (not an AWS endpoint)`);
    } else if (generic || httpStatus === 401 || httpStatus === 403) {
      const quote = generic ? sentenceAround(norm.flat, generic.index, generic[0].length) : `HTTP ${httpStatus}`;
      found.set('generic_auth', `the text only says "${clip(quote, 160)}", with no AWS error code or message`);
    } else {
      const error = FAMILY_BY_ID.unrecognized_error.patterns?.[0]?.exec(norm.lower);
      if (error || (httpStatus !== undefined && httpStatus >= 400)) {
        const quote = error ? sentenceAround(norm.flat, error.index, error[0].length) : `HTTP ${httpStatus}`;
        found.set(
          'unrecognized_error',
          `the text reads like an error ("${clip(quote, 160)}") that no known message family matches`,
        );
      }
    }
  }
  return { matches: [...found].map(([id, evidence]) => ({ id, evidence })), senders };
}
