/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads standard input to the end as bytes. */
  readStdin(): Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (colour, widths). */
  isTty: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  },
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
};

/** Thrown by a command for bad input: printed to stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
