/**
 * The time a paste shows: the latest timestamp with an explicit zone in it (log lines, HTTP Date headers, `date -u`
 * output, SigV4 X-Amz-Date values). Triage has no clock, so "expired" can only be said against a time the text
 * itself shows. Timestamps without a zone are ignored (their offset is unknown).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}';

/** 2026-12-02T15:04:05Z, 2026-12-02 15:04:05.123+01:00, 2026-12-02 15:04:05 UTC */
const ISO =
  /(?<!\d)(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,]\d{1,9})?[ ]?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)(?![A-Za-z0-9])/g;
/** Wed, 02 Dec 2026 15:04:05 GMT (HTTP Date header) */
const HTTP_DATE = new RegExp(`(?<![A-Za-z])(\\d{1,2}) ${MONTH} (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (?:GMT|UTC)`, 'gi');
/** Wed Dec  2 15:04:05 UTC 2026 (`date -u`) */
const DATE_COMMAND = new RegExp(
  `(?<![A-Za-z])${MONTH} {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (?:UTC|GMT) (\\d{4})`,
  'gi',
);
/** 20261202T150405Z (X-Amz-Date, SigV4 error messages) */
const AMZ_DATE = /(?<![0-9A-Za-z])(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?![0-9A-Za-z])/g;

const MAX_MATCHES = 200;
/** Years a Bedrock API key can be seen in (keys exist since 2025): anything else is not a time of this paste. */
const MIN_YEAR = 2025;
const MAX_YEAR = 2100;

function utc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMinutes = 0,
): number | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return undefined;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
}

function offsetOf(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Milliseconds since the epoch of the latest zoned timestamp in the text, or undefined when it shows none. */
export function latestPasteTime(text: string): number | undefined {
  let latest: number | undefined;
  const consider = (ms: number | undefined) => {
    if (ms !== undefined && Number.isFinite(ms) && (latest === undefined || ms > latest)) latest = ms;
  };
  const each = (pattern: RegExp, read: (m: RegExpMatchArray) => number | undefined) => {
    let count = 0;
    for (const m of text.matchAll(pattern)) {
      if (++count > MAX_MATCHES) break;
      consider(read(m));
    }
  };
  const n = (m: RegExpMatchArray, i: number) => Number(m[i]);
  each(ISO, (m) => utc(n(m, 1), n(m, 2), n(m, 3), n(m, 4), n(m, 5), n(m, 6), offsetOf(m[7] ?? '')));
  each(HTTP_DATE, (m) => utc(n(m, 3), monthOf(m[2] ?? ''), n(m, 1), n(m, 4), n(m, 5), n(m, 6)));
  each(DATE_COMMAND, (m) => utc(n(m, 6), monthOf(m[1] ?? ''), n(m, 2), n(m, 3), n(m, 4), n(m, 5)));
  each(AMZ_DATE, (m) => utc(n(m, 1), n(m, 2), n(m, 3), n(m, 4), n(m, 5), n(m, 6)));
  return latest;
}
