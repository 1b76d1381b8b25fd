/**
 * Property: whatever a Report or a Triage holds (any number of checks, causes, evidence entries, any text of any
 * length, unicode, markup, secrets), every message we build stays within Block Kit limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAUSE_IDS,
  type Cause,
  CHECK_IDS,
  CHECK_STATUSES,
  type CheckResult,
  type Report,
  type Triage,
} from '../../../src/report.js';
import { buildAccountModal } from '../../../src/slack/blocks/account-modal.js';
import { buildChecklistMessage } from '../../../src/slack/blocks/checklist.js';
import { notInChannelMessage } from '../../../src/slack/blocks/notices.js';
import { buildParentMessage } from '../../../src/slack/blocks/parent.js';
import { buildTriageReply } from '../../../src/slack/blocks/triage-reply.js';
import { messageViolations, modalViolations } from '../helpers/block-kit-limits.js';
import { SECRET_KEY } from '../helpers/fakes.js';

const text = (max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: max }) },
    { weight: 1, arbitrary: fc.constantFrom('&<>'.repeat(2000), `${SECRET_KEY} `.repeat(200), '`'.repeat(4000), '') },
  );
const accountId = fc.stringMatching(/^\d{12}$/);
const keyId = fc.stringMatching(/^AKIA[A-Z0-9]{16}$/);
const target = fc.record(
  {
    accountId,
    accessKeyId: keyId,
    region: fc.constantFrom('us-east-1', 'eu-central-1', 'ap-southeast-2'),
    modelId: fc.stringMatching(/^[a-z][a-z0-9.:-]{0,300}$/),
    principalArn: fc.stringMatching(/^arn:aws:iam::\d{12}:user\/[a-z]{1,1500}$/),
  },
  { requiredKeys: ['accountId'] },
);
const evidenceValue = fc.oneof(
  text(3000),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text(500), { maxLength: 30 }),
);
const check: fc.Arbitrary<CheckResult> = fc.record({
  id: fc.constantFrom(...CHECK_IDS),
  title: text(500),
  status: fc.constantFrom(...CHECK_STATUSES),
  summary: text(5000),
  evidence: fc.dictionary(text(300), evidenceValue, { maxKeys: 40 }),
  fix: fc.array(text(2000), { maxLength: 20 }),
  durationMs: fc.nat(),
});
const cause: fc.Arbitrary<Cause> = fc.record({
  id: fc.constantFrom(...CAUSE_IDS),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  title: text(1000),
  why: text(5000),
  fix: fc.array(text(2000), { maxLength: 20 }),
});
const triage: fc.Arbitrary<Triage> = fc.record({
  entities: fc.record(
    {
      accessKeyId: fc.oneof(keyId, text(500)),
      keyAccountId: accountId,
      accountId,
      region: text(100),
      modelId: text(600),
      errorCode: text(400),
      operation: text(400),
      requestId: text(400),
      principalArn: text(3000),
      httpStatus: fc.integer({ min: 100, max: 599 }),
    },
    { requiredKeys: [] },
  ),
  causes: fc.array(cause, { maxLength: 30 }),
  secretsFound: fc.boolean(),
  commands: fc.array(text(3000), { maxLength: 40 }),
  findings: fc.array(text(3000), { maxLength: 40 }),
  truncated: fc.boolean(),
});
const report: fc.Arbitrary<Report> = fc.record(
  {
    target,
    checks: fc.array(check, { maxLength: 120 }),
    causes: fc.array(cause, { maxLength: 40 }),
    verdict: text(6000),
    triage,
    startedAt: fc.constant('2024-06-01T00:00:00.000Z'),
    durationMs: fc.nat(),
  },
  { requiredKeys: ['target', 'checks', 'causes', 'verdict', 'startedAt', 'durationMs'] },
);

describe('Block Kit limits hold for reports and triages of any size', () => {
  it('checklist (final, running, failed) and parent messages', () => {
    fc.assert(
      fc.property(report, fc.boolean(), text(200), (r, secrets, alias) => {
        const final = buildChecklistMessage({
          target: r.target,
          report: r,
          secretsFound: secrets,
          accountAlias: alias,
          requestedBy: 'U1',
        });
        expect(messageViolations(final)).toEqual([]);
        expect(JSON.stringify(final)).not.toContain(SECRET_KEY);
        expect(messageViolations(buildChecklistMessage({ target: r.target, done: r.checks }))).toEqual([]);
        expect(messageViolations(buildChecklistMessage({ target: r.target, failure: r.verdict }))).toEqual([]);
        expect(
          messageViolations(buildParentMessage({ accountId: r.target.accountId, requestedBy: 'U1', report: r })),
        ).toEqual([]);
        expect(messageViolations(notInChannelMessage('U0BOT', final))).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('triage replies, automatic or not, with or without a live-check button', () => {
    fc.assert(
      fc.property(
        triage,
        fc.option(target, { nil: undefined }),
        fc.boolean(),
        text(3000),
        (t, run, automatic, note) => {
          const reply = buildTriageReply({
            triage: t,
            automatic,
            diagnosisNote: note,
            ...(run ? { runTarget: run } : {}),
          });
          expect(messageViolations(reply)).toEqual([]);
          expect(JSON.stringify(reply)).not.toContain(SECRET_KEY);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the account modal', () => {
    fc.assert(
      fc.property(
        target,
        fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,62}$/), { maxLength: 50 }),
        (t, aliases) => {
          const { accountId: _a, ...known } = t;
          const view = buildAccountModal({
            ctx: { channelId: 'C0PROD', threadTs: '1583636382.000300', known },
            aliases,
          });
          expect(modalViolations(view as unknown as Record<string, unknown>)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
