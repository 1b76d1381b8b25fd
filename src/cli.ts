#!/usr/bin/env node
/**
 * bedrock-403 command line: `triage`, `diagnose`, `api-keys`, `audit`. Each command lives in src/cli/<name>-command.ts and
 * returns its exit code (DESIGN section 6: 0 nothing wrong, 3 problems found, 2 bad input, 1 unexpected).
 * Only commander and the command definitions load up front; each command imports what it needs when it runs (the
 * AWS SDK for `diagnose`, the store for `audit`, the triage engine for `triage`), so `--help` and `triage` start
 * in about the time Node itself takes (bench/cli.bench.ts).
 */
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerApiKeysCommand } from './cli/api-keys-command.js';
import { registerAuditCommand } from './cli/audit-command.js';
import { registerDiagnoseCommand } from './cli/diagnose-command.js';
import { type CliIo, processIo, UsageError } from './cli/io.js';
import { registerTriageCommand } from './cli/triage-command.js';
import { ConfigError } from './config-error.js';
import { EXIT } from './report.js';
import { scrubSecrets } from './secrets.js';

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command()
    .name('bedrock-403')
    .description('Diagnose Amazon Bedrock 403 / InvalidClientTokenId / AccessDenied errors')
    .showHelpAfterError('(run bedrock-403 --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerTriageCommand(program, io, setExit);
  registerDiagnoseCommand(program, io, setExit);
  registerApiKeysCommand(program, io, setExit);
  registerAuditCommand(program, io, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help') return EXIT.ok;
      return EXIT.badInput;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`bedrock-403: ${scrubSecrets(error.message)}`);
      return EXIT.badInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`bedrock-403: unexpected failure: ${scrubSecrets(message)}`);
    return EXIT.unexpected;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // The SDK versions are pinned for Node 20 (package-lock.json); its Node 22 notice is noise on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.unexpected;
    },
  );
}
