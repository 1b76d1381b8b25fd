/**
 * A bot started for remediation clicks only (request, approve, reject): the diagnosis engine and triage are never
 * used and fail the test if called, delivery claims live in the store (as across replicas), and the remediation
 * role is assumed for real over the nock wire (aws-wire.ts).
 */
import { createRoleAssumer } from '../../../src/aws/assume-role.js';
import { createAwsClientFactory } from '../../../src/aws/client-factory.js';
import { FAST_CLIENT_SETTINGS, TEST_CREDENTIALS } from '../../helpers/aws-mock.js';
import { startTestBot, type TestBot, type TestBotOptions } from '../../helpers/test-bot.js';

export function startClickBot(options: Omit<TestBotOptions, 'engine'>): Promise<TestBot> {
  return startTestBot({
    engine: { diagnose: () => Promise.reject(new Error('not used')) },
    triage: () => {
      throw new Error('not used');
    },
    dedupeInStore: true,
    roleAssumer: createRoleAssumer({
      clients: createAwsClientFactory({ botCredentials: TEST_CREDENTIALS, settings: FAST_CLIENT_SETTINGS }),
      stsRegion: 'us-east-1',
    }),
    ...options,
  });
}
