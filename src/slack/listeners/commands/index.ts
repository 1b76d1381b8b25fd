/** Every slash command the app answers to (manifest `features.slash_commands`), by command. */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { SLASH_COMMAND } from '../../ids.js';
import { createCommandListener } from './bedrock-403.js';

export const COMMAND_LISTENERS = {
  [SLASH_COMMAND]: createCommandListener,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const [command, listener] of Object.entries(COMMAND_LISTENERS)) app.command(command, listener(deps));
}
