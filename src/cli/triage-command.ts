/**
 * `bedrock-403 triage [--json] [FILE|-]`: reads pasted error text from FILE or standard input and prints the
 * ranked causes (text for people, or the Triage object with --json).
 *
 * Exit codes (DESIGN section 6):
 *   0  nothing wrong found: no cause, or only `unknown` (nothing actionable), and no leaked secret;
 *   3  problems found: at least one cause other than `unknown`, or a secret in the text;
 *   2  bad input: empty text, binary data (NUL bytes, or over a quarter of the text invalid UTF-8), a missing or
 *      unreadable file, a directory;
 *   1  unexpected failure.
 */
import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { EXIT, type Triage } from '../report.js';
import { type CliIo, UsageError } from './io.js';

/** Files larger than this are read as their first and last halves of it: triage reads 40,000 characters anyway. */
const MAX_READ_BYTES = 8 * 1024 * 1024;
/** Share of replacement characters above which the input is taken as binary, not as text with a few bad bytes. */
const MAX_INVALID_SHARE = 0.25;

function fileError(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : `cannot read it (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return new UsageError(`triage: ${path}: ${reason}`);
}

async function readFileBounded(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw fileError(path, error);
  }
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    if (size <= MAX_READ_BYTES) return await handle.readFile();
    const half = MAX_READ_BYTES / 2;
    const head = Buffer.alloc(half);
    const tail = Buffer.alloc(half);
    await handle.read(head, 0, half, 0);
    await handle.read(tail, 0, half, size - half);
    return Buffer.concat([head, Buffer.from('\n'), tail]);
  } catch (error) {
    throw fileError(path, error);
  } finally {
    await handle?.close();
  }
}

/** Bytes -> text: UTF-8 (BOM stripped) or UTF-16 with a BOM; binary input is refused with a reason. */
export function decodeInput(bytes: Buffer, source: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) {
    throw new UsageError(`triage: ${source} looks binary (it contains NUL bytes); paste the error as text`);
  }
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  let invalid = 0;
  for (const char of text) if (char === '\uFFFD') invalid++;
  if (invalid > 0 && invalid / Math.max(text.length, 1) > MAX_INVALID_SHARE) {
    throw new UsageError(
      `triage: ${source} is not UTF-8 text (${invalid} invalid byte sequences); paste the error as text`,
    );
  }
  return text;
}

/** Exit code for a triage result (see the header of this file). */
export function triageExitCode(result: Triage): number {
  const actionable = result.causes.some((cause) => cause.id !== 'unknown');
  return actionable || result.secretsFound ? EXIT.problemsFound : EXIT.ok;
}

/** The error text of FILE, or of standard input for undefined / '-'; bad input is a UsageError. */
export async function readErrorText(file: string | undefined, io: CliIo): Promise<string> {
  const fromStdin = file === undefined || file === '-';
  const source = fromStdin ? 'standard input' : file;
  const bytes = fromStdin ? await io.readStdin() : await readFileBounded(file);
  const text = decodeInput(bytes, source);
  if (text.trim().length === 0) {
    throw new UsageError(`triage: ${source} is empty; give it the error text (a file, or paste it on standard input)`);
  }
  return text;
}

export async function runTriage(file: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const text = await readErrorText(file, io);
  // Loaded when the command runs: `bedrock-403 --help` does not pay for the triage engine.
  const [{ triage }, { renderTriage }] = await Promise.all([
    import('../triage/index.js'),
    import('./render-triage.js'),
  ]);
  const result = triage(text);
  io.out(json ? `${JSON.stringify(result, null, 2)}\n` : renderTriage(result));
  return triageExitCode(result);
}

export function registerTriageCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('triage')
    .description('Read a pasted AWS / Bedrock error and name its likely causes, with fixes and commands to run')
    .argument('[file]', 'file with the error text; "-" or nothing reads standard input')
    .option('--json', 'print the Triage object as JSON')
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      setExit(await runTriage(file, options.json === true, io));
    });
}
