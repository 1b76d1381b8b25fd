/**
 * Wrappers that feed the metrics (metrics.ts) from the outside of the components they observe, so the
 * components stay unaware of metrics:
 * - `instrumentEngine`: every diagnosis's outcome, duration and check statuses;
 * - `instrumentStore`: every remediation state transition this process won (the store decides winners, so across
 *   replicas each transition is counted exactly once);
 * - `instrumentAcks`: the time from a Slack request reaching the app to its acknowledgement, by kind.
 * Wrapping never changes results or errors.
 */
import type { App } from '@slack/bolt';
import type { DiagnosisEngine } from '../diagnosis/engine.js';
import type { Transition } from '../remediation/model.js';
import type { Store } from '../store/types.js';
import { type BotMetrics, metrics } from './metrics.js';

export function instrumentEngine(engine: DiagnosisEngine, m: BotMetrics = metrics()): DiagnosisEngine {
  return {
    async diagnose(target, options) {
      const started = performance.now();
      try {
        const report = await engine.diagnose(target, options);
        m.recordDiagnosis(report);
        return report;
      } catch (error) {
        m.recordDiagnosisFailure(options?.signal?.aborted ? 'aborted' : 'error', performance.now() - started);
        throw error;
      }
    },
  };
}

/** The state a transition came from: every state but `failed` and `done` has exactly one predecessor. */
const FROM: Record<string, string> = {
  requested: 'none',
  approved: 'requested',
  rejected: 'requested',
  expired: 'requested',
  executing: 'approved',
  done: 'executing',
  failed: 'executing',
};

export function instrumentStore(store: Store, m: BotMetrics = metrics()): Store {
  const count = (t: Transition | undefined) => {
    if (t) m.recordApprovalTransition(FROM[t.request.state], t.request.state);
  };
  const countAll = (ts: readonly Transition[]) => {
    for (const t of ts) count(t);
  };
  // A Proxy keeps every other method (and any added later) as it is, bound to the real store.
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      switch (property) {
        case 'createRequest':
          return async (...args: Parameters<Store['createRequest']>) => {
            const result = await target.createRequest(...args);
            countAll(result.expired);
            if (result.created) count({ request: result.request, event: result.event });
            return result;
          };
        case 'decide':
          return async (...args: Parameters<Store['decide']>) => {
            const result = await target.decide(...args);
            if (result.ok) count(result.transition);
            else if (result.reason === 'expired') count(result.transition);
            return result;
          };
        case 'claimExecution':
        case 'finishExecution':
          return async (...args: unknown[]) => {
            const result = (await (value as (...a: unknown[]) => Promise<Transition | undefined>).apply(
              target,
              args,
            )) as Transition | undefined;
            count(result);
            return result;
          };
        case 'expireDue':
        case 'failStaleExecutions':
          return async (...args: unknown[]) => {
            const result = (await (value as (...a: unknown[]) => Promise<Transition[]>).apply(
              target,
              args,
            )) as Transition[];
            countAll(result);
            return result;
          };
        default:
          return (value as (...a: unknown[]) => unknown).bind(target);
      }
    },
  });
}

type AckKind = 'command' | 'action' | 'shortcut' | 'view' | 'event' | 'other';

/** What kind of Slack request a body is, for the ack histogram's label. */
export function ackKindOf(body: Record<string, unknown>): AckKind {
  if (typeof body.command === 'string') return 'command';
  switch (body.type) {
    case 'block_actions':
    case 'interactive_message':
    case 'block_suggestion':
      return 'action';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    case 'view_submission':
    case 'view_closed':
      return 'view';
    case 'event_callback':
      return 'event';
    default:
      return 'other';
  }
}

/**
 * Observes every acknowledgement of `app`: the receivers (HTTP and Socket Mode) hand each request to
 * `app.processEvent` with its `ack`; the wrapper times the ack from that moment.
 */
export function instrumentAcks(app: App, m: BotMetrics = metrics()): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const started = performance.now();
    const kind = ackKindOf(event.body ?? {});
    const ack = event.ack;
    let observed = false;
    return processEvent({
      ...event,
      ack: (response?: unknown) => {
        if (!observed) {
          observed = true;
          m.observeAck(performance.now() - started, kind);
        }
        return ack(response as never);
      },
    });
  };
}
