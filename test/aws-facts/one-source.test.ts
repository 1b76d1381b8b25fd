/**
 * AWS facts have one home, src/aws-facts/. A copy of one of its patterns elsewhere in src/ drifts (that is how the
 * slash command came to refuse a region the engine accepts): this test fails on the copy and names what to import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
const HOME = join(SRC, 'aws-facts');

/** What a copy looks like in source text, and what to use instead. */
const COPIES: ReadonlyArray<[RegExp, string]> = [
  [/\\d\{12\}/, 'account ids: isAccountId / normalizeAccountId / ACCOUNT_ID_PATTERN (aws-facts/account-ids.ts)'],
  [/AKIA\|ASIA/, 'key ids: isDiagnosableKeyId / isKeyIdShaped / KEY_ID_PATTERN (aws-facts/access-key-ids.ts)'],
  [
    /\[a-z\]\{2(?:,4)?\}\(\?:-/,
    'regions: isKnownRegion / looksLikeRegionCode / REGION_CODE_PATTERN (aws-facts/regions.ts)',
  ],
  [
    /(?:us-gov|eusc-de)\||\|apac\|/,
    'region or profile prefixes: REGION_CODE_PATTERN, GEO_PREFIX_PATTERN, hasGeoPrefix',
  ],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === HOME ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('AWS facts live in src/aws-facts/ only', () => {
  const files = sourceFiles(SRC);

  it('reads the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(COPIES.map(([pattern, use]) => [pattern.source, use, pattern] as const))(
    'no copy of %s outside aws-facts (use %s)',
    (_source, _use, pattern) => {
      const copies = files.flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (pattern.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
      expect(copies).toEqual([]);
    },
  );

  it('recognises a copy when it sees one', () => {
    const copied = [
      'const ACCOUNT = /^\\d{12}$/;',
      'const KEY = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;',
      'const REGION = /^[a-z]{2}(?:-[a-z]+){1,2}-\\d{1,2}$/;',
      'const PROFILE = /^(?:us|eu|apac|global)\\./;',
    ];
    copied.forEach((line, i) => {
      expect((COPIES[i] as [RegExp, string])[0].test(line), line).toBe(true);
    });
  });
});
