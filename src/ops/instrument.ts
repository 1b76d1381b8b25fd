/**
 * Wrappers that feed the metrics (metrics.ts) from the outside of the components they observe, so the
 * components stay unaware of metrics:
 * - `instrumentEngine`: every diagnosis's outcome, duration and check statuses;
 * - `instrumentAcks`: the time from a Slack request reaching the app to its acknowledgement, by kind.
 * Wrapping never changes results or errors. Components with events of their own take an observer instead: the
 * remediation service's `onTransition` (approval transitions) and the Slack app's `onTriage` (triages answered),
 * both wired to the metrics in main.ts.
 */
import type { App } from '@slack/bolt';
import type { DiagnosisEngine } from '../diagnosis/engine.js';
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
