/**
 * Global Bolt middleware that turns new Slack work away while the process drains (lifecycle.ts): a slash command
 * is acknowledged with a short ephemeral "restarting, try again"; a button, shortcut or modal is acknowledged and,
 * where Slack gave a response_url, told the same; an event (auto-triage, mention) is dropped: Bolt has already
 * acknowledged it, so there is no way to hand it to another replica. Work that started before the drain is not
 * affected (it passed this middleware already).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../log.js';

export const RESTARTING_TEXT = 'bedrock-403 is restarting right now; please try again in a minute.';

type Ack = (response?: unknown) => Promise<void>;
type Respond = (message: { text: string; response_type: 'ephemeral'; replace_original: false }) => Promise<unknown>;

export function refuseWhileDraining(
  isDraining: () => boolean,
  logger?: Pick<Logger, 'info' | 'warn'>,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!isDraining()) {
      await args.next();
      return;
    }
    const { ack, respond } = args as unknown as { ack?: Ack; respond?: Respond };
    const body = args.body as { type?: string; command?: string };
    const kind = body.command ? 'command' : (body.type ?? 'event');
    logger?.info({ kind }, 'draining: Slack request turned away');
    try {
      if (body.command && ack) {
        await ack({ response_type: 'ephemeral', text: RESTARTING_TEXT });
        return;
      }
      if (ack) await ack();
      if (respond) await respond({ text: RESTARTING_TEXT, response_type: 'ephemeral', replace_original: false });
    } catch (error) {
      logger?.warn({ kind, error: error instanceof Error ? error.message : String(error) }, 'could not say restarting');
    }
  };
}
