/** Channel messages (`message.*` events): automatic triage of pasted AWS errors. */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { createMessageListener } from './auto-triage.js';

export function register(app: App, deps: ListenerDeps): void {
  app.message(createMessageListener(deps));
}
