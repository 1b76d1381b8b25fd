/** Every shortcut the app answers to (manifest `features.shortcuts`), by callback id. */
import type { App, MessageShortcut } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { DIAGNOSE_SHORTCUT } from '../../ids.js';
import { createShortcutListener } from './diagnose-bedrock-403.js';

export const SHORTCUT_LISTENERS = {
  [DIAGNOSE_SHORTCUT]: createShortcutListener,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const [callbackId, listener] of Object.entries(SHORTCUT_LISTENERS)) {
    app.shortcut<MessageShortcut>({ callback_id: callbackId, type: 'message_action' }, listener(deps));
  }
}
