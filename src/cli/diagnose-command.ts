/**
 * `bedrock-403 diagnose --account ID [--key AKIA...] [--api-key-from-env] [--region R] [--model M] [--principal ARN]
 * [--error FILE] [--json]`
 * (DESIGN section 6): a live diagnosis of one account through the diagnostic role, printed as a checklist or as
 * the Report JSON. Exit codes: 0 nothing wrong found, 3 problems found (or something could not be checked),
 * 2 bad input, 1 unexpected failure.
 */
import { type Command, Option } from 'commander';
import { BEARER_TOKEN_ENV } from '../aws-facts/bedrock-api-keys.js';
import { apiKeyTarget } from '../bedrock-api-keys/index.js';
import { EXIT, type Target } from '../report.js';
import { type CliIo, UsageError } from './io.js';

interface DiagnoseFlags {
  account: string;
  key?: string;
  apiKeyFromEnv?: boolean;
  /** Refused: a key on the command line is readable by every user of the machine. */
  apiKey?: string;
  region?: string;
  model?: string;
  principal?: string;
  error?: string;
  json?: boolean;
  verbose?: boolean;
}

export function registerDiagnoseCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('diagnose')
    .description(
      'Check one AWS account live through its read-only diagnostic role: every step of the checklist at once',
    )
    .requiredOption('--account <id>', 'AWS account id (12 digits)')
    .option('--key <access-key-id>', 'access key id that got the 403 (AKIA... or ASIA...; never the secret)')
    .option(
      '--api-key-from-env',
      `check the Bedrock API key in ${BEARER_TOKEN_ENV} (read from the environment, never from the command line)`,
    )
    .addOption(new Option('--api-key <key>').hideHelp())
    .option('--region <region>', 'region the call was made in (default: AWS_REGION of the bot)')
    .option('--model <model>', 'model id, inference profile id, or model / profile ARN')
    .option('--principal <arn>', 'ARN of the IAM user or role that made the call')
    .option(
      '--error <file>',
      'the pasted error text (FILE, or - for standard input): triaged first; fills what the flags leave out and ' +
        'gives the denying policy, request id and time the live checks use',
    )
    .option('--json', 'print the Report as JSON')
    .option('--verbose', 'show the evidence of every check, also those that passed')
    .addHelpText(
      'after',
      '\nNeeds DIAG_EXTERNAL_ID (and optionally DIAG_ROLE_NAME, AWS_REGION, DIAGNOSIS_DEADLINE_SECONDS) and AWS\n' +
        'credentials allowed to assume the diagnostic role (infra/diagnostic-role.yaml).\n' +
        'Exit codes: 0 nothing wrong found, 3 problems found or not everything could be checked, 2 bad input,\n' +
        '1 unexpected failure.',
    )
    .action(async (flags: DiagnoseFlags) => {
      setExit(await runDiagnose(flags, io));
    });
}

async function runDiagnose(flags: DiagnoseFlags, io: CliIo): Promise<number> {
  if (flags.apiKey !== undefined) {
    throw new UsageError(
      `--api-key is refused: other users of this machine can read the command line. Put the key in ${BEARER_TOKEN_ENV} ` +
        'and pass --api-key-from-env. A key typed on a command line counts as leaked: deactivate it.',
    );
  }
  const apiKey = flags.apiKeyFromEnv ? apiKeyFromEnv(io.env) : undefined;
  // Loaded when the command runs: `--help` and `triage` never pay for the AWS SDK (bedrock-403 stays instant).
  const [{ readConfig }, { createDiagnosisEngine, reportHasProblems, TargetValidationError }, { createLogger }] =
    await Promise.all([import('../config.js'), import('../diagnosis/index.js'), import('../log.js')]);
  const { renderReport } = await import('./render-report.js');
  const config = readConfig(io.env, 'diagnose');
  const target: Target = { accountId: flags.account };
  if (flags.key !== undefined) target.accessKeyId = flags.key;
  if (flags.region !== undefined) target.region = flags.region;
  if (flags.model !== undefined) target.modelId = flags.model;
  if (flags.principal !== undefined) target.principalArn = flags.principal;
  if (apiKey) target.apiKey = apiKey;

  const logger = createLogger({
    level: io.env.LOG_LEVEL ? config.logLevel : 'warn',
    destination: { write: (line: string) => io.err(line) },
    name: 'bedrock-403-cli',
  });
  const engine = createDiagnosisEngine({ aws: config.aws, logger });
  try {
    const triaged = flags.error !== undefined ? await triageOf(flags.error, io) : undefined;
    const report = await engine.diagnose(target, {
      requestedBy: `cli-${whoRuns(io.env)}`,
      ...(triaged ? { triage: triaged } : {}),
    });
    io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, { verbose: flags.verbose }));
    return reportHasProblems(report) ? EXIT.problemsFound : EXIT.ok;
  } catch (error) {
    if (error instanceof TargetValidationError) throw new UsageError(error.message);
    throw error;
  } finally {
    engine.close();
  }
}

/** The API key in AWS_BEARER_TOKEN_BEDROCK, decoded (the key itself goes no further than this function). */
function apiKeyFromEnv(env: NodeJS.ProcessEnv) {
  const raw = env[BEARER_TOKEN_ENV];
  if (raw === undefined || raw.trim() === '') {
    throw new UsageError(`--api-key-from-env: ${BEARER_TOKEN_ENV} is not set (or empty)`);
  }
  const decoded = apiKeyTarget(raw);
  if (!decoded) {
    throw new UsageError(
      `${BEARER_TOKEN_ENV} does not hold a Bedrock API key: expected ABSK... (long-term) or bedrock-api-key-... (short-term)`,
    );
  }
  return decoded;
}

/** The triage of the pasted error text (--error FILE|-). */
async function triageOf(file: string, io: CliIo) {
  const [{ readErrorText }, { triage }] = await Promise.all([
    import('./triage-command.js'),
    import('../triage/index.js'),
  ]);
  return triage(await readErrorText(file, io));
}

function whoRuns(env: NodeJS.ProcessEnv): string {
  return env.USER ?? env.LOGNAME ?? env.USERNAME ?? 'unknown';
}
