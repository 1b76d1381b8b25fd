/**
 * The 10,000-run soak (fast-check): random pastes through triage and random `/bedrock-403` texts through the command
 * parser and its usage message. No crash, the output contract holds, no planted secret or live mention comes back,
 * and no single input takes long: a hang guard far above the bench targets (catastrophic backtracking, a loop that
 * does not end), not a performance assertion; bench/triage.bench.ts measures the speed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../src/report.js';
import { buildUsageMessage } from '../../src/slack/blocks/usage.js';
import { parseCommand } from '../../src/slack/command-parser.js';
import { ALIAS_SHAPE, fieldProblem } from '../../src/slack/target-fields.js';
import { triage } from '../../src/triage/index.js';
import { messageViolations } from '../slack/helpers/block-kit-limits.js';

const RUNS = 10_000;
/** Per input; the bench target for a 40,000-character hostile paste is 20 ms. */
const HANG_GUARD_MS = 2_000;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const LIVE_MARKUP = /<!channel>|<!here>|<!everyone>|<@U0EVIL>|<#C0EVIL/;

const PIECES = [
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: ',
  'The security token included in the request is invalid.',
  'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: bedrock:InvokeModel on resource: ',
  'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
  ' with an explicit deny in a service control policy',
  'AKIAIOSFODNN7EXAMPLE',
  'ASIAY34FZKBOKMUTVV7A',
  'akiaiosfodnn7example',
  'AKIA0189ABCDEFGHIJKL',
  '11112222333',
  '1111222233334',
  'us-east-99',
  'x-amzn-ErrorType: AccessDeniedException',
  '<!channel>',
  '<!here>',
  '<@U0EVIL>',
  '<#C0EVIL|general>',
  '<https://evil.example|click>',
  '&lt;&gt;&amp;',
  '```',
  '\u0000',
  '\u202e',
  '\u200b',
  '🔥',
  '\ud800',
  '\r\n',
];

const pieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 });
const glue = fc.constantFrom(' ', '\n', '', '\t', '"', '=', ':');

/** Pastes: random text, Unicode, mixtures of real fragments and markup, now and then a long run of one character. */
const paste = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 1500 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 500 }) },
  { weight: 8, arbitrary: fc.tuple(pieces, glue).map(([p, g]) => p.join(g)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'A', '1', ' ', '<', '\\', '[', '{"a":', 'arn:aws:', 'AKIA'),
        fc.integer({ min: 1, max: 8000 }),
      )
      .map(([unit, n]) => unit.repeat(n).slice(0, 40_000)),
  },
);

const optionWord = fc.oneof(
  fc.constantFrom('key', 'region', 'model', 'principal', 'account', 'arn', 'access_key', 'regoin', 'foo', 'KEY'),
  fc.string({ maxLength: 12 }),
);
const token = fc.oneof(
  fc.constantFrom(...PIECES, '111122223333', 'prod-apps', 'help', 'autotriage', 'on', 'off', SECRET),
  fc
    .tuple(optionWord, fc.oneof(fc.constantFrom(...PIECES, '', SECRET), fc.string({ maxLength: 40 })))
    .map(([name, value]) => `${name}=${value}`),
  fc.stringMatching(/^\d{10,14}$/),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
/** Command texts: random strings, or words, options, ids, markup and secrets in any order. */
const commandText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.tuple(fc.array(token, { maxLength: 12 }), glue).map(([words, g]) => words.join(g === '' ? ' ' : g)),
);

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

describe(`${RUNS} random inputs`, () => {
  it('triage: never throws, keeps the contract, never repeats a planted secret, never hangs', () => {
    let slowest = 0;
    fc.assert(
      fc.property(paste, fc.boolean(), fc.nat(), (text, plant, at) => {
        const input = plant
          ? `${text.slice(0, at % (text.length + 1))} ${SECRET} ${text.slice(at % (text.length + 1))}`
          : text;
        const { value: t, ms } = timed(() => triage(input));
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(HANG_GUARD_MS);
        for (const cause of t.causes) {
          expect(CAUSE_IDS).toContain(cause.id);
          expect(cause.confidence).toBeGreaterThanOrEqual(0);
          expect(cause.confidence).toBeLessThanOrEqual(1);
        }
        expect(Array.isArray(t.commands)).toBe(true);
        if (plant) {
          expect(t.secretsFound).toBe(true);
          expect(JSON.stringify(t)).not.toContain(SECRET);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`triage: ${RUNS} random pastes, slowest ${slowest.toFixed(1)} ms`);
  }, 300_000);

  it('command parser and usage message: never throw, valid fields only, precise problems, no secret or live mention back', () => {
    let slowest = 0;
    const known = new Set(['prod-apps']);
    const ctx = { isKnownAccount: (ref: string) => known.has(ref.toLowerCase()) };
    fc.assert(
      fc.property(commandText, (text) => {
        const { value: parsed, ms } = timed(() => parseCommand(text, ctx));
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(HANG_GUARD_MS);
        expect(['help', 'autotriage', 'diagnose', 'invalid']).toContain(parsed.kind);
        if (parsed.kind === 'invalid') {
          expect(parsed.problem.length).toBeGreaterThan(0);
          expect(parsed.problem.length).toBeLessThan(1000);
          expect(parsed.problem).not.toContain(SECRET);
          expect(parsed.problem).not.toMatch(LIVE_MARKUP);
          const usage = buildUsageMessage(parsed.problem);
          expect(messageViolations(usage)).toEqual([]);
        }
        if (parsed.kind === 'diagnose') {
          for (const [field, value] of Object.entries(parsed.options)) {
            expect(fieldProblem(field as Parameters<typeof fieldProblem>[0], value)).toBeUndefined();
          }
          if (parsed.accountRef !== undefined) expect(parsed.accountRef).toMatch(ALIAS_SHAPE);
          expect(text).toContain(parsed.freeText);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`command parser: ${RUNS} random commands, slowest ${slowest.toFixed(1)} ms`);
  }, 300_000);
});
