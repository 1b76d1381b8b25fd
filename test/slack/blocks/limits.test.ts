import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  escapeMrkdwn,
  fitBlocks,
  joinWithin,
  LIMITS,
  safe,
  safeCode,
  section,
  TRUNCATED,
  truncate,
} from '../../../src/slack/blocks/limits.js';
import { blockViolations } from '../helpers/block-kit-limits.js';
import { SECRET_KEY } from '../helpers/fakes.js';

describe('truncate', () => {
  it('leaves short text alone and cuts long text to the limit with a marker', () => {
    expect(truncate('abc', 10)).toBe('abc');
    const cut = truncate('x'.repeat(5000), 3000);
    expect(cut).toHaveLength(3000);
    expect(cut.endsWith(TRUNCATED)).toBe(true);
  });

  it('never splits a surrogate pair or an HTML entity', () => {
    const emoji = truncate(`${'a'.repeat(9)}${'😀'.repeat(10)}`, 10 + TRUNCATED.length);
    expect(emoji).toBe(`${'a'.repeat(9)}${TRUNCATED}`);
    const entity = truncate(`${'a'.repeat(8)}&amp;${'b'.repeat(30)}`, 10 + TRUNCATED.length);
    expect(entity).toBe(`${'a'.repeat(8)}${TRUNCATED}`);
  });
});

describe('safe text', () => {
  it('escapes Slack markup and removes secrets', () => {
    expect(escapeMrkdwn('<@U1> & <!channel>')).toBe('&lt;@U1&gt; &amp; &lt;!channel&gt;');
    const out = safe(`aws_secret_access_key = ${SECRET_KEY} <!here>`);
    expect(out).not.toContain(SECRET_KEY);
    expect(out).toContain('[REDACTED]');
    expect(out).not.toContain('<!here>');
  });

  it('keeps code spans closed', () => {
    expect(safeCode('a`b\nc')).toBe("a'b c");
    const block = codeBlock(['```', 'x'.repeat(5000)], 3000);
    expect(block.length).toBeLessThanOrEqual(3000);
    expect(block.startsWith('```')).toBe(true);
    expect(block.endsWith('```')).toBe(true);
    expect(block.slice(3, -3)).not.toContain('```');
  });
});

describe('joinWithin', () => {
  it('keeps whole parts and counts what did not fit', () => {
    const text = joinWithin(['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(100)], 150);
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.startsWith('a'.repeat(100))).toBe(true);
    expect(text).toMatch(/and 1 more/);
  });
});

describe('fitBlocks', () => {
  it('keeps 50 blocks at most, the trailing actions block included, and says how many were left out', () => {
    const blocks = [
      ...Array.from({ length: 80 }, (_, i) => section(`item ${i}`)),
      { type: 'actions' as const, elements: [] },
    ];
    const fitted = fitBlocks(blocks);
    expect(fitted).toHaveLength(LIMITS.blocksPerMessage);
    expect(fitted[fitted.length - 1]?.type).toBe('actions');
    expect(JSON.stringify(fitted[fitted.length - 2])).toMatch(/32 more items not shown/);
  });

  it('produces sections the independent checker accepts', () => {
    expect(blockViolations([section('x'.repeat(10_000)), section('')])).toEqual([]);
  });
});
