import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/command-parser.js';
import { KEY_ID, SECRET_KEY, UNRECOGNIZED_CLIENT } from './helpers/fakes.js';

const known = new Set(['prod-apps', '111111111111']);
const ctx = { isKnownAccount: (ref: string) => known.has(ref.toLowerCase()) };
const parse = (text: string) => parseCommand(text, ctx);

describe('parseCommand', () => {
  it.each(['', '   ', 'help', 'HELP', '--help', '?'])('treats %j as help', (text) => {
    expect(parse(text)).toEqual({ kind: 'help' });
  });

  it('reads the autotriage switch and rejects anything else after it', () => {
    expect(parse('autotriage off')).toEqual({ kind: 'autotriage', setting: 'off' });
    expect(parse('auto-triage ON')).toEqual({ kind: 'autotriage', setting: 'on' });
    expect(parse('autotriage')).toEqual({ kind: 'autotriage', setting: 'status' });
    const bad = parse('autotriage maybe');
    expect(bad.kind).toBe('invalid');
    expect(bad.kind === 'invalid' && bad.problem).toMatch(/on.*off.*status/);
  });

  it('reads an account id with every option and keeps the free text whole', () => {
    const text = `111111111111 key=${KEY_ID} region=eu-central-1 model=anthropic.claude-3-5-sonnet-20240620-v1:0 principal=arn:aws:iam::111111111111:user/alice ${UNRECOGNIZED_CLIENT}\n  at line 2`;
    expect(parse(text)).toEqual({
      kind: 'diagnose',
      accountRef: '111111111111',
      options: {
        key: KEY_ID,
        region: 'eu-central-1',
        model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        principal: 'arn:aws:iam::111111111111:user/alice',
      },
      freeText: `${UNRECOGNIZED_CLIENT}\n  at line 2`,
    });
  });

  it('accepts options before the account and a known alias in any case', () => {
    expect(parse('region=us-west-2 PROD-APPS')).toEqual({
      kind: 'diagnose',
      accountRef: 'PROD-APPS',
      options: { region: 'us-west-2' },
      freeText: '',
    });
  });

  it('leaves the account to the text when the command starts with pasted error text', () => {
    const parsed = parse(UNRECOGNIZED_CLIENT);
    expect(parsed).toEqual({ kind: 'diagnose', options: {}, freeText: UNRECOGNIZED_CLIENT });
  });

  it('does not mistake a lone access key id or an error code for an alias', () => {
    expect(parse(KEY_ID)).toEqual({ kind: 'diagnose', options: {}, freeText: KEY_ID });
    expect(parse('AccessDeniedException')).toEqual({
      kind: 'diagnose',
      options: {},
      freeText: 'AccessDeniedException',
    });
  });

  it('takes a lone unknown lower-case word as the account, so a typo is reported rather than triaged', () => {
    expect(parse('prod-app')).toEqual({ kind: 'diagnose', accountRef: 'prod-app', options: {}, freeText: '' });
    expect(parse('prod-app region=us-east-1')).toMatchObject({ accountRef: 'prod-app' });
  });

  it.each([
    ['111111111111 key=AKIA123', /key= must be an access key id/],
    ['111111111111 region=mars-1', /region= must be an AWS region code/],
    ['111111111111 principal=alice', /principal= must be an IAM or STS ARN/],
    ['111111111111 model=', /`model=` needs a value/],
    ['111111111111 region=us-east-1 region=eu-west-1', /`region=` is given twice/],
    ['111111111111 regoin=us-east-1', /Unknown option `regoin=`.*`key=`, `region=`, `model=`, `principal=`/],
    ['account=111111111111 222222222222', /account is given twice/],
    ['account=', /needs a 12-digit account id/],
  ])('rejects %j precisely', (text, problem) => {
    const parsed = parse(text);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problem).toMatch(problem);
  });

  it('never echoes a secret key given as key=, and says to treat it as leaked', () => {
    const parsed = parse(`111111111111 key=${SECRET_KEY}`);
    expect(parsed.kind).toBe('invalid');
    const problem = parsed.kind === 'invalid' ? parsed.problem : '';
    expect(problem).toMatch(/secret.*leaked/is);
    expect(problem).not.toContain(SECRET_KEY);
  });

  it('refuses, before any diagnosis, values of the right shape that the engine would refuse', () => {
    const cases: Array<[string, RegExp]> = [
      ['111111111111 key=AKIA0189ABCDEFGHIJKL', /key= is not valid: .*0, 1, 8 and 9 do not occur/],
      ['111111111111 key=ABIAIOSFODNN7EXAMPLE', /key= is not valid: .*STS service bearer token/],
      ['111111111111 region=us-east-99', /region= is not valid: region "us-east-99" is not an AWS region/],
      ['111111111111 model=arn:aws:bedrock:us-east-1::guardrail/x', /model= is not valid: model ARN of type/],
      ['111111111111 principal=arn:aws:iam::111111111111:group/devs', /principal= is not valid: a group ARN/],
    ];
    for (const [text, problem] of cases) {
      const parsed = parse(text);
      expect(parsed.kind === 'invalid' && parsed.problem, text).toMatch(problem);
    }
    expect(parse(`111111111111 key=${KEY_ID} region=eu-central-1`).kind).toBe('diagnose');
  });

  it('treats word=value after the free text started as text, not as an option', () => {
    const parsed = parse('prod-apps got this error status=403 foo=bar');
    expect(parsed).toMatchObject({
      kind: 'diagnose',
      accountRef: 'prod-apps',
      freeText: 'got this error status=403 foo=bar',
    });
  });
});
