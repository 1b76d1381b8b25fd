/**
 * What the Slack app is built from. Everything with state or I/O is injected, so tests, the bench and the
 * remediation listeners plug in their own: the triage function, the diagnosis engine, the accounts directory,
 * the per-channel settings, the delivery de-duplication store and the remediation service.
 */
import type { AccountsDirectory } from '../accounts.js';
import type { DiagnosisEngine } from '../diagnosis/engine.js';
import type { Logger } from '../log.js';
import type { RemediationService } from '../remediation/service.js';
import type { Triage } from '../report.js';
import type { RunningWork, WorkBudget } from './admission.js';
import type { Timers } from './coalescing-updater.js';
import type { TriageFn } from './diagnose-request.js';
import type { ChannelSettingsStore, DeliveryDedupeStore } from './stores.js';
import type { BackgroundTasks } from './tasks.js';

/** Where a triage that was answered came from. */
export type TriageSource = 'auto' | 'mention' | 'shortcut' | 'command';

export interface SlackAppDeps {
  triage: TriageFn;
  engine: DiagnosisEngine;
  accounts: AccountsDirectory;
  channelSettings: ChannelSettingsStore;
  dedupe: DeliveryDedupeStore;
  logger: Logger;
  /** Minimum spacing of live checklist edits (default 1000 ms). */
  updateIntervalMs?: number;
  /** Whole-diagnosis deadline handed to the engine (default: the engine's own). */
  diagnosisDeadlineMs?: number;
  timers?: Timers;
  /**
   * The workspace the app is installed in (auth.test team_id at start). A click by a user of another workspace
   * (Slack Connect) on a remediation button is refused unless the account allows that workspace. Absent: the
   * payload's own `team.id` stands in for it.
   */
  homeTeamId?: string;
  /**
   * RATE_LIMIT_PER_USER / _PER_CHANNEL for live diagnoses, remediation requests and their decisions (Approve /
   * Reject), shared through the store.
   * Absent: no budget (tests of other things).
   */
  budget?: WorkBudget;
  /** Key rotation / deactivation / deletion behind approval; without an accounts file it answers "off" and why. */
  remediation: RemediationService;
  /** Observer of every triage the app answers (main.ts: the triage metric). Its errors are ignored. */
  onTriage?: (triage: Triage, source: TriageSource) => void;
}

/** What every listener receives: the deps with defaults filled in, plus the app's lifecycle. */
export interface ListenerDeps extends SlackAppDeps {
  updateIntervalMs: number;
  onTriage: (triage: Triage, source: TriageSource) => void;
  timers: Timers;
  /** Work that continues after ack(); stop() waits for it, tests await idle(). */
  tasks: BackgroundTasks;
  /** Diagnoses and requests running or queued in this process, so an identical one is not started twice. */
  running: RunningWork;
  /** Aborted when the app stops: running diagnoses give up. */
  signal: AbortSignal;
}
