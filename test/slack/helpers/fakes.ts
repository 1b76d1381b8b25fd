/** Shared fakes for the Slack unit tests: triage results, reports, a scripted engine, a Web API client, deps. */

import { Writable } from 'node:stream';
import { vi } from 'vitest';
import { type AccountEntry, accountsDirectory, openAccountsDirectory } from '../../../src/accounts.js';
import type { DiagnoseOptions, DiagnosisEngine } from '../../../src/diagnosis/engine.js';
import { createLogger, type Logger } from '../../../src/log.js';
import type { RemediationService } from '../../../src/remediation/service.js';
import type { Cause, CheckResult, Report, Target, Triage } from '../../../src/report.js';
import { RunningWork } from '../../../src/slack/admission.js';
import type { ListenerDeps } from '../../../src/slack/deps.js';
import type { TriageFn } from '../../../src/slack/diagnose-request.js';
import { InMemoryChannelSettings, InMemoryDeliveryDedupe } from '../../../src/slack/stores.js';
import { BackgroundTasks } from '../../../src/slack/tasks.js';
import { captureLogLines, captureOutput } from '../../helpers/output-capture.js';

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
/** AWS's documented example key id. */
export const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
/** AWS's documented example secret key: secret-shaped, so scrubbing must remove it. */
export const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export const UNRECOGNIZED_CLIENT =
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token included in the request is invalid.';
export const ACCESS_DENIED = `An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0 because no identity-based policy allows the bedrock:InvokeModel action`;

export function cause(overrides: Partial<Cause> = {}): Cause {
  return {
    id: 'key_not_found',
    confidence: 0.45,
    title: 'The access key id is not known to AWS',
    why: 'UnrecognizedClientException with a long-term key means AWS has no record of that key id.',
    fix: ['Check the key id for typos', 'Create a new key if it was deleted'],
    ...overrides,
  };
}

export function sampleTriage(overrides: Partial<Triage> = {}): Triage {
  return {
    entities: { errorCode: 'UnrecognizedClientException', operation: 'InvokeModel', httpStatus: 403 },
    causes: [
      cause(),
      cause({
        id: 'session_token_mismatch',
        confidence: 0.3,
        title: 'A session token that does not belong to the key',
      }),
    ],
    secretsFound: false,
    commands: ['aws sts get-caller-identity', 'aws configure list'],
    findings: [],
    truncated: false,
    ...overrides,
  };
}

export const noFinding: Triage = {
  entities: {},
  causes: [],
  secretsFound: false,
  commands: [],
  findings: [],
  truncated: false,
};

/** A triage function that returns `result` for any text, recording what it was given. */
export function stubTriage(result: Triage | ((text: string) => Triage) = noFinding): TriageFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = ((text: string) => {
    calls.push(text);
    return typeof result === 'function' ? result(text) : result;
  }) as TriageFn & { calls: string[] };
  fn.calls = calls;
  return fn;
}

export function check(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'key_owner',
    title: 'Key owner',
    status: 'pass',
    summary: `The key belongs to account ${ACCOUNT}`,
    evidence: { 'owner account': ACCOUNT },
    fix: [],
    durationMs: 120,
    ...overrides,
  };
}

export function sampleReport(overrides: Partial<Report> = {}): Report {
  const target: Target = { accountId: ACCOUNT, accessKeyId: KEY_ID, region: 'us-east-1' };
  return {
    target,
    key: { id: KEY_ID, userName: 'alice', status: 'Inactive' },
    checks: [
      check({ id: 'diag_role', title: 'Diagnostic role', summary: 'Assumed BedrockDiagnosticsRole' }),
      check(),
      check({
        id: 'key_status',
        title: 'Key status',
        status: 'fail',
        summary: 'The key is Inactive',
        evidence: { user: 'alice', status: 'Inactive', 'last used': '2024-05-01' },
        fix: ['Reactivate the key or create a new one'],
      }),
    ],
    causes: [cause({ id: 'key_inactive', confidence: 0.9, title: 'The key was deactivated' })],
    verdict: 'The access key AKIAIOSFODNN7EXAMPLE of alice is inactive.',
    startedAt: '2024-06-01T00:00:00.000Z',
    durationMs: 2300,
    ...overrides,
  };
}

export interface ScriptedEngine extends DiagnosisEngine {
  calls: Array<{ target: Target; options: DiagnoseOptions | undefined }>;
}

/** Emits the report's checks one by one through onCheck, then returns the report (or throws `fail`). */
export function scriptedEngine(
  report: Report | ((target: Target) => Report) = sampleReport(),
  fail?: Error,
): ScriptedEngine {
  const calls: ScriptedEngine['calls'] = [];
  return {
    calls,
    async diagnose(target, options) {
      calls.push({ target, options });
      if (fail) throw fail;
      const r = typeof report === 'function' ? report(target) : { ...report, target };
      const done: CheckResult[] = [];
      for (const c of r.checks) {
        done.push(c);
        options?.onCheck?.(c, [...done]);
        await Promise.resolve();
      }
      return r;
    },
  };
}

export interface FakeClient {
  chat: {
    postMessage: ReturnType<typeof vi.fn>;
    update: ReturnType<typeof vi.fn>;
    postEphemeral: ReturnType<typeof vi.fn>;
  };
  views: { open: ReturnType<typeof vi.fn> };
}

/** A Slack platform error as @slack/web-api throws it. */
export function platformError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error: code },
  });
}

export function fakeClient(): FakeClient {
  let n = 0;
  /** Every call is also captured for the suite's final secret scan. */
  const sent = (method: string, args: unknown) => captureOutput('slack', `fake client ${method}`, args);
  return {
    chat: {
      postMessage: vi.fn(async (args: { channel: string }) => {
        sent('chat.postMessage', args);
        return { ok: true, channel: args.channel, ts: `1700000000.${String(++n).padStart(6, '0')}` };
      }),
      update: vi.fn(async (args: { channel: string; ts: string }) => {
        sent('chat.update', args);
        return { ok: true, channel: args.channel, ts: args.ts };
      }),
      postEphemeral: vi.fn(async (args: unknown) => {
        sent('chat.postEphemeral', args);
        return { ok: true, message_ts: '1700000000.999999' };
      }),
    },
    views: {
      open: vi.fn(async (args: unknown) => {
        sent('views.open', args);
        return { ok: true };
      }),
    },
  };
}

/** A logger that keeps its JSON lines for assertions. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      captureLogLines('capturingLogger', String(chunk));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

export const ALICE_ACCOUNT: AccountEntry = { id: ACCOUNT, alias: 'prod-apps', channels: ['C0PROD'] };
export const OPEN_ACCOUNT: AccountEntry = { id: OTHER_ACCOUNT, alias: 'sandbox' };

/** The remediation service of listener tests that never reach it: any use fails the test, loudly. */
export const remediationNotUsed = new Proxy({} as RemediationService, {
  get(_target, property) {
    if (typeof property === 'symbol' || property === 'then') return undefined;
    throw new Error(`remediation.${property} is not part of this test`);
  },
});

export function makeDeps(overrides: Partial<ListenerDeps> = {}): ListenerDeps & { lines: string[] } {
  const { logger, lines } = capturingLogger();
  const deps: ListenerDeps = {
    triage: stubTriage(),
    engine: scriptedEngine(),
    accounts: openAccountsDirectory,
    channelSettings: new InMemoryChannelSettings(),
    dedupe: new InMemoryDeliveryDedupe(),
    logger,
    updateIntervalMs: 0,
    timers: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    tasks: new BackgroundTasks(logger),
    running: new RunningWork(),
    signal: new AbortController().signal,
    remediation: remediationNotUsed,
    onTriage: vi.fn(),
    ...overrides,
  };
  return Object.assign(deps, { lines });
}

export const configuredAccounts = () => accountsDirectory([ALICE_ACCOUNT, OPEN_ACCOUNT]);

/** Parses a Web API call's blocks to text for substring assertions. */
export function blocksText(args: { blocks?: unknown }): string {
  return JSON.stringify(args.blocks ?? []);
}
