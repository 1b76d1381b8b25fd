/** Fan-out only: every listener kind registers itself. */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerDiagnosisButtons } from './actions.js';
import { registerCommandListener } from './command.js';
import { registerMentionListener } from './mention.js';
import { registerMessageListener } from './message.js';
import { registerRemediationListeners } from './remediation.js';
import { registerShortcutListener } from './shortcut.js';
import { registerAccountModal } from './view.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommandListener(app, deps);
  registerShortcutListener(app, deps);
  registerMessageListener(app, deps);
  registerMentionListener(app, deps);
  registerDiagnosisButtons(app, deps);
  registerAccountModal(app, deps);
  registerRemediationListeners(app, deps);
}
