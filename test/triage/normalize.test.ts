import { describe, expect, it } from 'vitest';
import { boundInput, MAX_TRIAGE_CHARS } from '../../src/triage/limits.js';
import { normalizePaste } from '../../src/triage/normalize.js';

describe('normalizePaste', () => {
  it('decodes Slack escapes after Slack link markup', () => {
    const { text } = normalizePaste(
      'a &lt;b&gt; &amp;&amp; <https://docs.aws.amazon.com/x|the docs> <mailto:jane@corp.com|jane@corp.com>',
    );
    expect(text).toBe('a <b> && the docs jane@corp.com');
  });

  it('uses the URL when a Slack link has no label, and drops mention markup to its label', () => {
    expect(normalizePaste('see <https://bedrock-runtime.eu-west-1.amazonaws.com/model/x>').text).toBe(
      'see https://bedrock-runtime.eu-west-1.amazonaws.com/model/x',
    );
    expect(normalizePaste('<@U123ABC> <#C123|ops> <!here>').text).toBe('U123ABC ops here');
  });

  it('keeps literal placeholders such as <region> that are not Slack markup', () => {
    expect(normalizePaste('arn:aws:bedrock:<region>::foundation-model/x').text).toBe(
      'arn:aws:bedrock:<region>::foundation-model/x',
    );
  });

  it('removes nested quote markers as e-mail and Slack replies write them', () => {
    expect(normalizePaste('> > AccessDenied\n>> when calling\n> >> the GetUser operation').text).toBe(
      'AccessDenied\nwhen calling\nthe GetUser operation',
    );
  });

  it('removes code fences, backticks, quote markers, CRLF, zero-width, control and colour codes', () => {
    const input = '```python\r\n> `An error` occurred\u200b\u0007 \u001b[31mred\u001b[0m\r\n```';
    expect(normalizePaste(input).text).toBe('\n\nAn error occurred red\n\n');
  });

  it("drops a fence's language tag, not the first word of a one-line fenced paste", () => {
    expect(normalizePaste('```json\n{"a":1}\n```').text).toBe('\n\n{"a":1}\n\n');
    expect(normalizePaste('```AccessDeniedException: User x is not authorized```').text).toBe(
      '\nAccessDeniedException: User x is not authorized\n',
    );
    expect(normalizePaste('got ```ExpiredToken``` again').text).toBe('got \nExpiredToken\n again');
  });

  it('unescapes JSON and Python bodies, also nested once more', () => {
    const nested = String.raw`{\"message\":\"line one\\nline two isn\u2019t\"}`;
    const { text, lower } = normalizePaste(nested);
    expect(text).toBe(`{"message":"line one\nline two isn't"}`);
    expect(lower).toContain("line one line two isn't");
  });

  it('keeps flat and lower index-aligned even with non-ASCII letters', () => {
    const { flat, lower } = normalizePaste('İSTANBUL  Token\n\nEXPIRED');
    expect(lower.length).toBe(flat.length);
    expect(lower).toBe('İstanbul token expired');
  });
});

describe('boundInput', () => {
  it('keeps short input as it is', () => {
    expect(boundInput('short')).toEqual({ text: 'short', truncated: false, originalLength: 5 });
  });

  it('keeps the head and the tail of long input', () => {
    const long = `HEAD${'x'.repeat(100_000)}TAIL`;
    const bounded = boundInput(long);
    expect(bounded.truncated).toBe(true);
    expect(bounded.originalLength).toBe(long.length);
    expect(bounded.text.length).toBeLessThanOrEqual(MAX_TRIAGE_CHARS + 2);
    expect(bounded.text.startsWith('HEAD')).toBe(true);
    expect(bounded.text.endsWith('TAIL')).toBe(true);
  });
});
