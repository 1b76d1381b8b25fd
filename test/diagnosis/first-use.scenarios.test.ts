/**
 * First use of a third-party model (issue 15 (d), partial): the new 403 codes of the pasted error tell "retry in
 * 15 minutes" from "fix the payment method" from "submit the use-case form"; a PENDING agreement says when to retry.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';
import { bedrock } from '../helpers/aws-mock.js';
import { MODEL, mockDiagnosisScenario, testEngine } from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const modelAccess = (r: Report) => r.checks.find((c) => c.id === 'model_access');

describe('first use and Marketplace', () => {
  it.each([
    ['MPAgreementBeingCreated', 'agreement_being_created', /Retry in 15 minutes/],
    ['FTUFormNotFilled', 'use_case_form', /Submit the Anthropic use-case form/],
    ['BadCScoreException', 'account_not_authorized', /Contact AWS Support/],
  ])('the pasted %s: model_access names what to do', async (code, problem, action) => {
    const aws = mockDiagnosisScenario();
    const t = triage(`An error occurred (${code}) when calling the InvokeModel operation: model ${MODEL}`);
    expect(t.entities.errorCode).toBe(code);
    const report = await testEngine().diagnose(aws.target, { triage: t });
    const m = modelAccess(report);
    expect(m?.status).toBe('fail');
    expect(m?.evidence['first use (from the error)']).toBe(problem);
    expect(m?.fix[0]).toMatch(action);
    expect(report.causes.map((c) => c.id)).toContain('model_access_not_granted');
  });

  it('a PENDING agreement: retry in 15 minutes', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        GetFoundationModelAvailability: bedrock.availability({ modelId: MODEL, agreement: 'PENDING' }),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(modelAccess(report)?.status).toBe('warn');
    expect(modelAccess(report)?.fix[0]).toMatch(/^Retry in 15 minutes/);
  });
});
