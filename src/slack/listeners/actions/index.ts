/**
 * Every button the app answers to, by action id: the id (src/slack/ids.ts) finds its handler here in one hop. The
 * table is typed by ActionId, so an id without a handler does not compile.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { ACTION, type ActionId } from '../../ids.js';
import { type ButtonArgs, createDiagnosisButtonListener } from './diagnosis-button.js';
import { createDecisionListener, createRequestListener } from './remediation-buttons.js';

type ButtonListener = (args: ButtonArgs) => Promise<void>;

export const ACTION_LISTENERS: Readonly<Record<ActionId, (deps: ListenerDeps) => ButtonListener>> = {
  [ACTION.runDiagnosis]: createDiagnosisButtonListener,
  [ACTION.rerunDiagnosis]: createDiagnosisButtonListener,
  [ACTION.requestRotateKey]: (deps) => createRequestListener(deps, 'rotate'),
  [ACTION.requestDeactivateKey]: (deps) => createRequestListener(deps, 'deactivate'),
  [ACTION.requestDeleteKey]: (deps) => createRequestListener(deps, 'delete'),
  [ACTION.requestDeactivateApiKey]: (deps) => createRequestListener(deps, 'deactivate', 'bedrock_api_key'),
  [ACTION.requestDeleteApiKey]: (deps) => createRequestListener(deps, 'delete', 'bedrock_api_key'),
  [ACTION.approveRequest]: (deps) => createDecisionListener(deps, 'approved'),
  [ACTION.rejectRequest]: (deps) => createDecisionListener(deps, 'rejected'),
};

export function register(app: App, deps: ListenerDeps): void {
  for (const [actionId, listener] of Object.entries(ACTION_LISTENERS)) {
    app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionId }, listener(deps));
  }
}
