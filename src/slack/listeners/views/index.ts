/** Every modal submission the app answers to, by the view's callback id. */
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { ACCOUNT_MODAL } from '../../ids.js';
import { createAccountModalListener } from './account-modal.js';

export const VIEW_LISTENERS = {
  [ACCOUNT_MODAL.callbackId]: createAccountModalListener,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const [callbackId, listener] of Object.entries(VIEW_LISTENERS)) {
    app.view<ViewSubmitAction>({ callback_id: callbackId, type: 'view_submission' }, listener(deps));
  }
}
