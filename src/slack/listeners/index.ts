/**
 * Fan-out only: every listener kind registers itself. Remediation (issue 5) replaces the
 * registerKeyActionsNotConfigured line with its own registrations (request/approve/reject listeners).
 */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerDiagnosisButtons } from './actions.js';
import { registerCommandListener } from './command.js';
import { registerKeyActionsNotConfigured } from './key-actions.js';
import { registerMentionListener } from './mention.js';
import { registerMessageListener } from './message.js';
import { registerShortcutListener } from './shortcut.js';
import { registerAccountModal } from './view.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommandListener(app, deps);
  registerShortcutListener(app, deps);
  registerMessageListener(app, deps);
  registerMentionListener(app, deps);
  registerDiagnosisButtons(app, deps);
  registerAccountModal(app, deps);
  registerKeyActionsNotConfigured(app, deps);
}
