/**
 * AWS faults, one operation at a time: throttling past the retries, a 5xx past the retries, and a call that never
 * answers within the client's request timeout. For each, the checks that need that call report `error` (or `skip`
 * when the diagnostic role itself is unavailable) with a reason that names the call and the fault, every other
 * check stands as in a healthy account, and no fault of AWS is turned into a cause blamed on the user's key.
 */
import nock from 'nock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CheckId } from '../../src/report.js';
import { awsErrors, type MockReply } from '../helpers/aws-mock.js';
import { checkOf, mockDiagnosisScenario, type Operation, testEngine } from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const RETRY = { maxAttempts: 2, baseDelayMs: 1, throttlingBaseDelayMs: 1, maxDelayMs: 2 };
/** Two attempts (so retries are exercised) with millisecond backoffs. */
const engine = testEngine({ clientSettings: RETRY });
/** The same with a short request timeout, for the calls that never answer (generous enough for a loaded machine). */
const impatient = testEngine({ clientSettings: { ...RETRY, connectionTimeoutMs: 600, requestTimeoutMs: 600 } });
afterAll(() => {
  engine.close();
  impatient.close();
});

type Service = 'sts' | 'iam' | 'bedrock';

interface OperationFacts {
  service: Service;
  /** The call the checks name in their summaries. */
  action: string | RegExp;
  /** Checks that need this call and must report it. */
  errors: CheckId[];
  /** Checks that cannot run without it and say so (skip with a reason). */
  skips?: CheckId[];
  /** What the verdict says (default: the checks that could not be confirmed are named). */
  verdict?: RegExp;
}

const OPERATIONS: Partial<Record<Operation, OperationFacts>> = {
  AssumeRole: {
    service: 'sts',
    action: /^Could not assume arn:aws:iam::111122223333:role\/BedrockDiagnosticsRole: /,
    errors: ['diag_role'],
    skips: ['key_status', 'region', 'permissions', 'model_access', 'control_path'],
    verdict:
      /^Could not check account 111122223333: assuming the diagnostic role failed \((Throttling|ServiceUnavailable|TimeoutError)\)/,
  },
  GetAccessKeyInfo: { service: 'sts', action: 'sts:GetAccessKeyInfo', errors: ['key_owner'] },
  GetCallerIdentity: { service: 'sts', action: 'sts:GetCallerIdentity', errors: ['control_path'] },
  GetAccessKeyLastUsed: {
    service: 'iam',
    action: 'iam:GetAccessKeyLastUsed',
    errors: ['key_status', 'permissions'],
  },
  ListAccessKeys: { service: 'iam', action: 'iam:ListAccessKeys', errors: ['key_status'] },
  GetUser: { service: 'iam', action: 'iam:GetUser', errors: ['permissions'] },
  SimulatePrincipalPolicy: { service: 'iam', action: 'iam:SimulatePrincipalPolicy', errors: ['permissions'] },
  ListFoundationModels: {
    service: 'bedrock',
    action: 'bedrock:ListFoundationModels',
    errors: ['region', 'control_path'],
  },
  GetFoundationModelAvailability: {
    service: 'bedrock',
    action: 'bedrock:GetFoundationModelAvailability',
    errors: ['model_access'],
  },
};

const ALL_CHECKS: CheckId[] = [
  'diag_role',
  'key_owner',
  'key_status',
  'credential_type',
  'region',
  'permissions',
  'model_access',
  'control_path',
];

function throttled(service: Service): MockReply {
  if (service === 'bedrock') {
    return awsErrors.bedrock('ThrottlingException', 'Too many requests, please wait before trying again.', 429);
  }
  return service === 'sts'
    ? awsErrors.sts('Throttling', 'Rate exceeded', 400)
    : awsErrors.iam('Throttling', 'Rate exceeded', 400);
}

function serverError(service: Service): MockReply {
  if (service === 'bedrock') return awsErrors.bedrock('ServiceUnavailableException', 'Service is unavailable', 503);
  return service === 'sts'
    ? awsErrors.sts('ServiceUnavailable', 'Service is unavailable', 503)
    : awsErrors.iam('ServiceFailure', 'Internal failure', 500);
}

/** What each fault must say, in the summary of the check that reports it. */
const FAULTS = {
  throttling: { reply: throttled, delayMs: undefined, says: /throttl/i },
  '5xx': { reply: serverError, delayMs: undefined, says: /ServiceUnavailable|ServiceFailure|HTTP 50\d/ },
  timeout: { reply: undefined, delayMs: 5_000, says: /did not answer in time|TimeoutError|timeout/i },
} as const;

const statusOf = checkOf;

const cases = Object.entries(OPERATIONS).flatMap(([operation, facts]) =>
  Object.keys(FAULTS).map((fault) => ({
    operation: operation as Operation,
    facts: facts as OperationFacts,
    fault: fault as keyof typeof FAULTS,
  })),
);

describe('one AWS operation failing', () => {
  it.each(cases)('$fault on $operation: its checks say why, the others stand', async ({ operation, facts, fault }) => {
    const spec = FAULTS[fault];
    const aws = mockDiagnosisScenario(
      spec.delayMs
        ? { delayMs: { [operation]: spec.delayMs } }
        : { overrides: { [operation]: spec.reply?.(facts.service) } },
    );
    // A requester of its own: no role session cached from another case.
    const report = await (spec.delayMs ? impatient : engine).diagnose(aws.target, {
      requestedBy: `U0${fault}${operation}`.slice(0, 30),
    });

    for (const id of facts.errors) {
      const check = statusOf(report, id);
      expect(check.status, `${id}: ${check.summary}`).toBe('error');
      if (typeof facts.action === 'string') expect(check.summary).toContain(facts.action);
      else expect(check.summary).toMatch(facts.action);
      expect(check.summary).toMatch(spec.says);
    }
    for (const id of facts.skips ?? []) {
      const check = statusOf(report, id);
      expect(check.status, `${id}: ${check.summary}`).toBe('skip');
      expect(check.summary).toMatch(/diagnostic role BedrockDiagnosticsRole could not be assumed/);
    }
    const untouched = ALL_CHECKS.filter((id) => !facts.errors.includes(id) && !facts.skips?.includes(id));
    for (const id of untouched) {
      const check = statusOf(report, id);
      expect(check.status, `${id}: ${check.summary}`).toBe('pass');
    }
    // AWS being unwell is never blamed on the user's key, region or model.
    expect(report.causes).toEqual([]);
    expect(report.verdict).toMatch(facts.verdict ?? /not confirmed/);
    // Retried faults were retried (two attempts), hung calls too; nothing was called more than that.
    expect(aws.calls[operation]?.requests.length).toBeGreaterThanOrEqual(1);
    expect(aws.calls[operation]?.requests.length).toBeLessThanOrEqual(2);
  });
});
