/**
 * Fan-out only: every listener kind registers itself from its own index, which maps each Slack id (action id,
 * command, callback id, event type) to its handler.
 */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as messages from './messages/index.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  shortcuts.register(app, deps);
  messages.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
}
