/**
 * `bedrock-403 api-keys --account ID [--json]` (DESIGN section 8): every Bedrock API key of the account through the
 * diagnostic role, riskiest first, and the console-made BedrockAPIKey-* users with their policies. Exit codes: 0
 * nothing to act on, 3 risky keys found (never expiring, broad policy, expired or inactive keys left behind) or the
 * list is incomplete, 2 bad input, 1 the listing failed.
 */
import type { Command } from 'commander';
import { parseAccountId } from '../aws/identifiers.js';
import { EXIT } from '../report.js';
import { type CliIo, UsageError } from './io.js';

interface ApiKeysFlags {
  account: string;
  json?: boolean;
}

export function registerApiKeysCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('api-keys')
    .description('List every Bedrock API key of an account (status, age, expiry, user) and flag the risky ones')
    .requiredOption('--account <id>', 'AWS account id (12 digits)')
    .option('--json', 'print the inventory as JSON')
    .addHelpText(
      'after',
      '\nNeeds the same settings as diagnose (DIAG_EXTERNAL_ID, AWS credentials allowed to assume the diagnostic role).\n' +
        'Exit codes: 0 nothing to act on, 3 risky keys found or the list is incomplete, 2 bad input, 1 the listing failed.',
    )
    .action(async (flags: ApiKeysFlags) => {
      setExit(await runApiKeys(flags, io));
    });
}

async function runApiKeys(flags: ApiKeysFlags, io: CliIo): Promise<number> {
  const account = parseAccountId(flags.account);
  if (!account.ok) throw new UsageError(account.problem);
  // Loaded when the command runs: `--help` and `triage` never pay for the AWS SDK (bedrock-403 stays instant).
  const [{ readConfig }, { createDiagnosisEngine, inventoryHasProblems, listingErrorMessage }, { createLogger }] =
    await Promise.all([import('../config.js'), import('../diagnosis/index.js'), import('../log.js')]);
  const { renderApiKeys } = await import('./render-api-keys.js');
  const config = readConfig(io.env, 'diagnose');
  const logger = createLogger({
    level: io.env.LOG_LEVEL ? config.logLevel : 'warn',
    destination: { write: (line: string) => io.err(line) },
    name: 'bedrock-403-cli',
  });
  const engine = createDiagnosisEngine({ aws: config.aws, logger });
  try {
    const inventory = await engine.listApiKeys(account.value, {
      requestedBy: `cli-${io.env.USER ?? io.env.LOGNAME ?? 'unknown'}`,
    });
    io.out(flags.json ? `${JSON.stringify(inventory, null, 2)}\n` : renderApiKeys(inventory));
    return inventoryHasProblems(inventory) ? EXIT.problemsFound : EXIT.ok;
  } catch (error) {
    io.err(`bedrock-403: ${listingErrorMessage(error, config.aws.diagRoleName, account.value)}`);
    return EXIT.unexpected;
  } finally {
    engine.close();
  }
}
