import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideAutoReply } from '../../src/slack/auto-triage-policy.js';
import { triage } from '../../src/triage/index.js';
import { cause, noFinding, sampleTriage, UNRECOGNIZED_CLIENT } from './helpers/fakes.js';

describe('decideAutoReply (policy, with fixed triage results)', () => {
  it('answers an ambiguous error that the known causes explain together, when the text carries an error code', () => {
    const spread = sampleTriage({
      causes: [
        cause({ confidence: 0.27 }),
        cause({ id: 'session_token_mismatch', confidence: 0.25 }),
        cause({ id: 'key_inactive', confidence: 0.1 }),
      ],
    });
    expect(decideAutoReply(UNRECOGNIZED_CLIENT, spread)).toEqual({ reply: true, reason: 'error_signal' });
    // No code, no status and no AWS message in the text: the spread alone does not earn a reply.
    const noCode = { ...spread, entities: {} };
    expect(decideAutoReply('our nightly sync keeps failing on and off since Monday', noCode)).toEqual({
      reply: false,
      reason: 'low_confidence',
    });
    // The AWS message itself is the signal when the paste carries neither code nor status.
    expect(
      decideAutoReply(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        { ...noCode, awsMessage: true },
      ),
    ).toEqual({ reply: true, reason: 'error_signal' });
    const status403 = { ...spread, entities: { httpStatus: 403 } };
    expect(decideAutoReply(UNRECOGNIZED_CLIENT, status403)).toMatchObject({ reply: true });
  });

  it('a confident match speaks without an error code', () => {
    expect(
      decideAutoReply('User is not authorized to perform bedrock:InvokeModel', {
        ...noFinding,
        causes: [cause({ confidence: 0.5 })],
      }),
    ).toEqual({
      reply: true,
      reason: 'confident',
    });
  });

  it('stays silent for a weak top cause, no cause, or only `unknown`', () => {
    expect(
      decideAutoReply(
        UNRECOGNIZED_CLIENT,
        sampleTriage({ causes: [cause({ confidence: 0.15 }), cause({ confidence: 0.45 })] }),
      ),
    ).toMatchObject({
      reply: false,
    });
    expect(decideAutoReply(UNRECOGNIZED_CLIENT, sampleTriage({ causes: [] }))).toEqual({
      reply: false,
      reason: 'no_cause',
    });
    expect(
      decideAutoReply(
        'error: cannot find module foo in the build',
        sampleTriage({ causes: [cause({ id: 'unknown', confidence: 0.9 })] }),
      ),
    ).toMatchObject({ reply: false });
    expect(
      decideAutoReply(UNRECOGNIZED_CLIENT, sampleTriage({ causes: [cause({ id: 'unknown', confidence: 0.5 })] })),
    ).toMatchObject({ reply: false });
  });

  it('answers a confident client-side reading (`unknown` first above 0.5) of a recognised AWS message', () => {
    expect(
      decideAutoReply(
        UNRECOGNIZED_CLIENT,
        sampleTriage({ awsMessage: true, causes: [cause({ id: 'unknown', confidence: 0.9 })] }),
      ),
    ).toEqual({ reply: true, reason: 'confident' });
    // Without a recognised AWS message the same reading stays silent: a non-AWS error is not the bot's to answer.
    expect(
      decideAutoReply(UNRECOGNIZED_CLIENT, sampleTriage({ causes: [cause({ id: 'unknown', confidence: 0.9 })] })),
    ).toMatchObject({ reply: false });
  });

  it('always warns about a pasted secret, even in a short text without an error', () => {
    expect(decideAutoReply('key: x', { ...noFinding, secretsFound: true })).toEqual({ reply: true, reason: 'secret' });
  });

  it('ignores very short texts', () => {
    expect(decideAutoReply('403?', sampleTriage())).toEqual({ reply: false, reason: 'too_short' });
  });
});

describe('decideAutoReply with the real triage engine', () => {
  const corpus = readFileSync('test/fixtures/corpus/errors.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; text: string });

  it('answers every real pasted error in the corpus', () => {
    const silent = corpus.filter((e) => !decideAutoReply(e.text, triage(e.text)).reply).map((e) => e.id);
    expect(silent).toEqual([]);
  });

  it('answers at least 97% of the corpus pastes whose confirmed cause is an AWS-side one', () => {
    const dir = 'test/fixtures/corpus';
    const cases = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(`${dir}/${f}`, 'utf8').trim().split('\n'))
      .map((line) => JSON.parse(line) as { id: string; text: string; labels: string[] })
      .filter((c) => c.labels[0] !== 'unknown');
    const silent = cases.filter((c) => !decideAutoReply(c.text, triage(c.text)).reply).map((c) => c.id);
    expect(cases.length).toBeGreaterThan(700);
    // 16 of 813 on 2026-12-03 (145 of 907 in all before a recognised AWS message counted as an error signal).
    expect(silent.length / cases.length).toBeLessThanOrEqual(0.03);
  });

  it('stays silent for chatter that only sounds like an error', () => {
    const chatter = [
      'I got access denied to the conference room again',
      'does anyone know how to get 403 tickets for the show?',
      'the model is great, no errors today',
      'Can someone give me permission to the shared drive?',
      'The token expired on my parking permit lol',
      'we should rotate the on-call schedule next week',
      'error: cannot find module foo in the build',
    ];
    expect(chatter.filter((text) => decideAutoReply(text, triage(text)).reply)).toEqual([]);
  });
});
