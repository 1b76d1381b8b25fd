/**
 * `request_rotate_key` / `request_deactivate_key` until remediation is wired (issue 5 replaces this registration
 * in listeners/index.ts with its own listeners): acknowledge and say, only to the clicker, that approval is
 * required and not configured yet.
 */
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { keyActionNotConfiguredMessage } from '../blocks/notices.js';
import type { ListenerDeps } from '../deps.js';
import { ACTION } from '../ids.js';
import { describeError, respondSafely } from '../reply.js';

export type KeyButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function createKeyActionNotConfiguredListener(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: KeyButtonArgs): Promise<void> => {
    try {
      await ack();
      const kind = action.action_id === ACTION.requestRotateKey ? 'rotate' : 'deactivate';
      deps.logger.info(
        { user: body.user.id, actionId: action.action_id },
        'key action clicked; remediation not configured',
      );
      await respondSafely(
        respond,
        { ...keyActionNotConfiguredMessage(kind), response_type: 'ephemeral' },
        deps.logger,
        'key action not configured',
      );
    } catch (error) {
      deps.logger.error({ error: describeError(error) }, 'key action listener failed');
    }
  };
}

export function registerKeyActionsNotConfigured(app: App, deps: ListenerDeps): void {
  const listener = createKeyActionNotConfiguredListener(deps);
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION.requestRotateKey }, listener);
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION.requestDeactivateKey }, listener);
}
