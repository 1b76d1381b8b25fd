import type { Command } from 'commander';
import { EXIT } from '../report.js';
import type { CliIo } from './io.js';

/** Placeholder: replaced by the issue that builds `bedrock-403 triage`. */
export function registerTriageCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('triage')
    .description('not implemented yet')
    .allowUnknownOption()
    .action(() => {
      io.err('bedrock-403 triage: not implemented yet');
      setExit(EXIT.unexpected);
    });
}
