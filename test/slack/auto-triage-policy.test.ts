import { describe, expect, it } from 'vitest';
import {
  AUTO_TRIAGE_MIN_CONFIDENCE,
  AUTO_TRIAGE_MIN_CONFIDENCE_ALONE,
  decideAutoReply,
} from '../../src/slack/auto-triage-policy.js';
import { cause, noFinding, sampleTriage, UNRECOGNIZED_CLIENT } from './helpers/fakes.js';

describe('decideAutoReply', () => {
  it('answers an ambiguous but clearly signalled AWS error (the commonest Bedrock 403)', () => {
    const triage = sampleTriage({ causes: [cause({ confidence: AUTO_TRIAGE_MIN_CONFIDENCE })] });
    expect(decideAutoReply(UNRECOGNIZED_CLIENT, triage)).toEqual({ reply: true, reason: 'error_signal' });
  });

  it('stays silent below the threshold, without a cause, or for unknown only', () => {
    expect(decideAutoReply(UNRECOGNIZED_CLIENT, sampleTriage({ causes: [cause({ confidence: 0.2 })] }))).toMatchObject({
      reply: false,
      reason: 'low_confidence',
    });
    expect(decideAutoReply(UNRECOGNIZED_CLIENT, sampleTriage({ causes: [] }))).toMatchObject({
      reply: false,
      reason: 'no_cause',
    });
    expect(
      decideAutoReply(UNRECOGNIZED_CLIENT, sampleTriage({ causes: [cause({ id: 'unknown', confidence: 0.9 })] })),
    ).toMatchObject({ reply: false });
  });

  it('needs a higher confidence when the text carries no error code or 4xx status', () => {
    const chatter = 'we keep getting denied when calling the model from the notebook';
    const base = { ...noFinding, entities: {} };
    expect(decideAutoReply(chatter, { ...base, causes: [cause({ confidence: 0.5 })] })).toMatchObject({ reply: false });
    expect(
      decideAutoReply(chatter, { ...base, causes: [cause({ confidence: AUTO_TRIAGE_MIN_CONFIDENCE_ALONE })] }),
    ).toEqual({
      reply: true,
      reason: 'confident',
    });
  });

  it('always warns about a pasted secret, even in a short text without an error', () => {
    expect(decideAutoReply('key: x', { ...noFinding, secretsFound: true })).toEqual({ reply: true, reason: 'secret' });
  });

  it('ignores very short texts', () => {
    expect(decideAutoReply('403?', sampleTriage())).toEqual({ reply: false, reason: 'too_short' });
  });
});
