import type { Command } from 'commander';
import { EXIT } from '../report.js';
import type { CliIo } from './io.js';

/** Placeholder: replaced by the issue that builds `bedrock-403 audit`. */
export function registerAuditCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('audit')
    .description('not implemented yet')
    .allowUnknownOption()
    .action(() => {
      io.err('bedrock-403 audit: not implemented yet');
      setExit(EXIT.unexpected);
    });
}
