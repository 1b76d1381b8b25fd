/**
 * The error families are data (src/triage/families/): each declaration must be well formed, a wording must live in
 * one family only, and the behaviours the families carry (another sender named, an unknown error never silent) must
 * hold through triage().
 */
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../src/report.js';
import { FAMILIES, FAMILY_BY_ID, FAMILY_IDS } from '../../src/triage/families/index.js';
import { triage } from '../../src/triage/index.js';
import { CONTEXT_RULES } from '../../src/triage/rules.js';

describe('family declarations', () => {
  it('declares every family id exactly once', () => {
    expect(FAMILIES.map((f) => f.id).sort()).toEqual([...FAMILY_IDS].sort());
  });

  it.each(FAMILIES.map((f) => [f.id, f] as const))('%s: lower-case wordings, known ids, a meaning', (_id, f) => {
    for (const w of [...f.wordings, ...(f.senders ?? []).map((s) => s.wording)]) {
      expect(w).toBe(w.toLowerCase());
      expect(w.trim()).toBe(w);
      expect(w.length).toBeGreaterThan(4);
    }
    for (const other of [...(f.yieldsTo ?? []), ...(f.codeYieldsTo ?? [])]) expect(FAMILY_IDS).toContain(other);
    for (const cause of Object.keys(f.prior)) expect(CAUSE_IDS).toContain(cause);
    for (const signal of f.evidence) expect(Object.keys(CONTEXT_RULES)).toContain(signal);
    expect(f.meaning.length).toBeGreaterThan(30);
    expect(
      f.wordings.length + (f.patterns?.length ?? 0) + (f.codes?.length ?? 0) + (f.senders?.length ?? 0),
    ).toBeGreaterThan(0);
  });

  it('keeps each wording in one family (a new wording is one line in one place)', () => {
    const owner = new Map<string, string>();
    for (const f of FAMILIES) {
      for (const w of [...f.wordings, ...(f.senders ?? []).map((s) => s.wording)]) {
        expect({ wording: w, family: owner.get(w) ?? f.id }).toEqual({ wording: w, family: f.id });
        owner.set(w, f.id);
      }
    }
  });
});

describe('errors that did not come from AWS', () => {
  it("names another provider's key error as not AWS, with unknown first", () => {
    const t = triage(
      'Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
    );
    expect(t.causes[0]?.id).toBe('unknown');
    expect(t.findings.some((f) => f.startsWith('Not an AWS error') && f.includes("Anthropic's API"))).toBe(true);
  });

  it('names a proxy or local service that refused the request itself', () => {
    const t = triage('unexpected status 403 Forbidden: url: http://localhost:48760/v1/responses');
    expect(t.causes[0]?.id).toBe('unknown');
    expect(t.findings.some((f) => f.includes('localhost:48760'))).toBe(true);
  });

  it('does not call an AWS error wrapped by another tool "not AWS"', () => {
    const t = triage(
      'litellm.AuthenticationError: BedrockException Invalid Authentication - {"message":"The security token included in the request is invalid."}',
    );
    expect(t.causes[0]?.id).not.toBe('unknown');
    expect(t.findings.some((f) => f.startsWith('Not an AWS error'))).toBe(false);
  });
});

describe('never silent on an error', () => {
  it('answers an error no family knows with unknown, capped at 0.5, and what to run', () => {
    const t = triage('Error: the frobnicator failed while calling the model (exit status 3)');
    expect(t.causes[0]?.id).toBe('unknown');
    for (const c of t.causes) expect(c.confidence).toBeLessThanOrEqual(0.5);
    expect(t.commands).toContain('aws sts get-caller-identity');
    expect(t.findings.some((f) => f.includes('What tells the causes apart'))).toBe(true);
  });

  it('lists the causes of what an unknown error is about, after unknown', () => {
    const bare = triage('Error: the frobnicator failed (exit status 3)');
    expect(bare.causes.map((c) => c.id)).toEqual(['unknown']);
    const model = triage('Error: the frobnicator failed while calling the model (exit status 3)');
    expect(model.causes.map((c) => c.id).slice(1)).toEqual(
      expect.arrayContaining(['region_unsupported', 'model_access_not_granted']),
    );
    // A cause the fallback never saw confirmed is no likelier than one it saw: the topic's own order stands.
    const ids = model.causes.map((c) => c.id);
    if (ids.includes('invalid_model_id')) {
      expect(ids.indexOf('region_unsupported')).toBeLessThan(ids.indexOf('invalid_model_id'));
    }
    expect(model.causes.find((c) => c.id === 'invalid_model_id')?.why ?? '').not.toMatch(/about 0%/);
    const creds = triage('panic: could not load credentials for the upload job');
    expect(creds.causes.map((c) => c.id).slice(0, 3)).toContain('wrong_profile_or_env');
    const expiry = triage('Error: the session expired after an hour and the job failed');
    expect(expiry.causes.map((c) => c.id).slice(0, 2)).toContain('temp_credentials_expired');
    // A known message is not moved by topics: the same words around a known family change nothing.
    const known =
      'An error occurred (ExpiredTokenException) when calling the InvokeModel operation: The security token included in the request is expired';
    expect(triage(`${known} while calling the model in the region`).causes.map((c) => c.id)).toEqual(
      triage(known).causes.map((c) => c.id),
    );
  });

  it('stays silent on text that is not an error', () => {
    expect(triage('Lunch is at noon, see you there').causes).toEqual([]);
  });

  it('knows the SSO advice other tools print', () => {
    const t = triage(
      "Unknown Error: Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    );
    expect(t.causes[0]?.id).toBe('temp_credentials_expired');
    expect(FAMILY_BY_ID.sso_expired.wordings).toContain('to refresh this sso session');
  });
});
