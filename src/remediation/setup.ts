/**
 * Builds the remediation part of the bot from the config: the remediation role's AWS access (REMEDIATION_ROLE_NAME
 * with REMEDIATION_EXTERNAL_ID or the account's own remediationExternalId, never DIAG_EXTERNAL_ID, through the shared role assumer of src/aws), the service and its sweeper. Always built: with
 * no accounts file the service answers every button with "remediation is off" and why.
 */

import type { AccountsDirectory } from '../accounts.js';
import { createRoleAssumer, type RoleAssumer } from '../aws/assume-role.js';
import { type AwsCredentials, type AwsCredentialsProvider, createAwsClientFactory } from '../aws/client-factory.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { remediationExternalIdFor } from './external-ids.js';
import { createRemediationAws, type RemediationAwsFactory } from './remediation-aws.js';
import { remediationRoleCredentials } from './role-credentials.js';
import { type ApproverDirectory, type RemediationNotifier, RemediationService } from './service.js';
import { RemediationSweeper } from './sweeper.js';

export interface RemediationSetup {
  config: Pick<Config, 'aws' | 'approvalTtlSeconds'>;
  store: Store;
  accounts: AccountsDirectory;
  logger: Logger;
  notifier: RemediationNotifier;
  approvers: ApproverDirectory;
  /** Share the diagnosis engine's assumer (one STS cache); built here when absent. */
  roleAssumer?: RoleAssumer;
  /** The bot's own credentials (test seam); default: the AWS SDK default chain. */
  botCredentials?: AwsCredentials | AwsCredentialsProvider;
  /** Replaces the AWS access entirely (tests). */
  aws?: RemediationAwsFactory;
  clock?: Clock;
  sweepIntervalMs?: number;
  /** Observer of every state change, e.g. `metrics.recordApprovalTransition`. */
  onTransition?: (from: string | undefined, to: string) => void;
}

export interface Remediation {
  service: RemediationService;
  sweeper: RemediationSweeper;
  /** Stops the sweeper, lets running executions finish (bounded), releases HTTP connections. */
  close(drainMs?: number): Promise<void>;
}

export function createRemediation(setup: RemediationSetup): Remediation {
  const { config } = setup;
  const ownedClients = setup.roleAssumer ? undefined : createAwsClientFactory({ botCredentials: setup.botCredentials });
  const assumer =
    setup.roleAssumer ??
    createRoleAssumer({ clients: ownedClients ?? createAwsClientFactory(), stsRegion: config.aws.region });
  const aws =
    setup.aws ??
    createRemediationAws({
      credentials: remediationRoleCredentials(assumer, config.aws.remediationRoleName, (accountId) =>
        remediationExternalIdFor(config.aws, setup.accounts.find(accountId)),
      ),
    });
  const service = new RemediationService({
    store: setup.store,
    accounts: setup.accounts,
    aws,
    approvers: setup.approvers,
    notifier: setup.notifier,
    logger: setup.logger,
    ttlMs: config.approvalTtlSeconds * 1000,
    defaultRegion: config.aws.region,
    ...(setup.clock ? { clock: setup.clock } : {}),
    ...(setup.onTransition ? { onTransition: setup.onTransition } : {}),
  });
  const sweeper = new RemediationSweeper(service, {
    store: setup.store,
    logger: setup.logger,
    ...(setup.clock ? { clock: setup.clock } : {}),
    ...(setup.sweepIntervalMs ? { intervalMs: setup.sweepIntervalMs } : {}),
  });
  return {
    service,
    sweeper,
    async close(drainMs = 90_000) {
      await sweeper.stop();
      await service.drain(drainMs);
      if (!setup.aws) aws.destroy();
      ownedClients?.destroy();
    },
  };
}
