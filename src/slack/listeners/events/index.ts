/** Every Events API event the app subscribes to (manifest `bot_events`) except messages, by event type. */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { createMentionListener } from './app-mention.js';

export const EVENT_LISTENERS = {
  app_mention: createMentionListener,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', EVENT_LISTENERS.app_mention(deps));
}
