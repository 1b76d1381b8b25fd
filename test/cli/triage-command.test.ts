/**
 * `bedrock-403 triage [--json] [FILE|-]` in-process through runCli with a fake CliIo: text and JSON output, every
 * exit code (0 nothing wrong, 3 problems, 2 bad input, 1 unexpected), and no secret in any output.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli.js';
import type { Triage } from '../../src/report.js';

/** A path whose open() fails with EACCES even for root (CI may run as root, where chmod 000 does not stop reads). */
const deniedPath = vi.hoisted(() => ({ value: '' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: (path: Parameters<typeof real.open>[0], ...rest: [string?]) =>
      path === deniedPath.value && path !== ''
        ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' }))
        : real.open(path, ...rest),
  };
});

interface FakeIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

function fakeIo(stdin: string | Buffer = ''): FakeIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    readStdin: async () => (Buffer.isBuffer(stdin) ? stdin : Buffer.from(stdin, 'utf8')),
    env: {},
    isTty: false,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const INVALID =
  'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token included in the request is invalid.';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('bedrock-403 triage', () => {
  it('prints a report for people from standard input and exits 3 when problems are found', async () => {
    const io = fakeIo(`${INVALID}\naws_access_key_id = AKIASP2TPHJSQH3FJXYZ\naws_session_token = ****`);
    expect(await runCli(['triage'], io)).toBe(3);
    const out = io.stdout.join('');
    expect(out).toContain('Likely causes:');
    expect(out).toMatch(/1\. Session token does not belong to the access key \[session_token_mismatch, \d+%\]/);
    expect(out).toContain('Why:');
    expect(out).toContain('Fix:');
    expect(out).toContain('Run these on the machine that fails');
    expect(out).toContain('$ env | grep ^AWS_ | cut -d= -f1');
    expect(out).toContain('access key AKIASP2TPHJSQH3FJXYZ (long-term, account 171436882533)');
    expect(io.stderr).toEqual([]);
  });

  it('prints the Triage object with --json, from a file or "-"', async () => {
    const path = file('error.txt', INVALID);
    for (const argv of [
      ['triage', '--json', path],
      ['triage', path, '--json'],
    ]) {
      const io = fakeIo();
      expect(await runCli(argv, io)).toBe(3);
      const parsed = JSON.parse(io.stdout.join('')) as Triage;
      expect(parsed.entities.errorCode).toBe('UnrecognizedClientException');
      expect(parsed.causes[0]?.confidence).toBeLessThanOrEqual(0.5);
      expect(parsed.ambiguous).toBe(true);
      expect(Array.isArray(parsed.commands)).toBe(true);
    }
    const io = fakeIo(INVALID);
    expect(await runCli(['triage', '--json', '-'], io)).toBe(3);
    expect((JSON.parse(io.stdout.join('')) as Triage).entities.operation).toBe('InvokeModel');
  });

  it('exits 0 when nothing wrong is found, or only an unknown non-auth error', async () => {
    const clean = fakeIo('deploy finished, all green');
    expect(await runCli(['triage'], clean)).toBe(0);
    expect(clean.stdout.join('')).toContain('No AWS authentication or permission problem recognised');
    const throttled = fakeIo('ThrottlingException: Too many requests, please wait before trying again.');
    expect(await runCli(['triage', '--json'], throttled)).toBe(0);
    expect((JSON.parse(throttled.stdout.join('')) as Triage).causes.map((c) => c.id)).toEqual(['unknown']);
  });

  it('puts the leaked-secret warning first, exits 3 and never prints the secret', async () => {
    const text = `AWS_ACCESS_KEY_ID=AKIASP2TPHJSQH3FJXYZ\nAWS_SECRET_ACCESS_KEY=${SECRET}\nhello`;
    const io = fakeIo(text);
    expect(await runCli(['triage'], io)).toBe(3);
    const out = io.stdout.join('');
    expect(out.startsWith('!! LEAKED SECRET')).toBe(true);
    expect(out).not.toContain(SECRET);
    const json = fakeIo(text);
    expect(await runCli(['triage', '--json'], json)).toBe(3);
    expect(json.stdout.join('')).not.toContain(SECRET);
    expect((JSON.parse(json.stdout.join('')) as Triage).secretsFound).toBe(true);
  });

  it('reads UTF-16 files written with a BOM (PowerShell redirection)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(INVALID, 'utf16le')]);
    const io = fakeIo();
    expect(await runCli(['triage', '--json', file('ps.txt', utf16)], io)).toBe(3);
    expect((JSON.parse(io.stdout.join('')) as Triage).entities.errorCode).toBe('UnrecognizedClientException');
  });

  it('tolerates a few invalid bytes in otherwise readable text', async () => {
    const bytes = Buffer.concat([Buffer.from(`${INVALID} caf`), Buffer.from([0xe9]), Buffer.from(' ok')]);
    expect(await runCli(['triage', '--json'], fakeIo(bytes))).toBe(3);
  });

  describe('bad input exits 2 with a clear message', () => {
    const cases: Array<[string, string[], string | Buffer, RegExp]> = [
      ['empty standard input', ['triage'], '', /standard input is empty/],
      ['whitespace only', ['triage', '-'], ' \n\t\n', /standard input is empty/],
      ['NUL bytes', ['triage'], Buffer.from([0x41, 0x00, 0x42, 0x00]), /looks binary \(it contains NUL bytes\)/],
      [
        'mostly invalid UTF-8',
        ['triage'],
        Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + (i % 60))),
        /is not UTF-8 text/,
      ],
      ['a missing file', ['triage', join(dir, 'nope.txt')], '', /nope\.txt: no such file/],
      ['a directory', ['triage', dir], '', /it is a directory, not a file/],
      ['an empty file', ['triage', file('empty.txt', '')], '', /empty\.txt is empty/],
      ['an unknown option', ['triage', '--yaml'], INVALID, /unknown option/],
    ];
    it.each(cases)('%s', async (_name, argv, stdin, message) => {
      const io = fakeIo(stdin);
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr.join('')).toMatch(message);
      expect(io.stdout.join('')).toBe('');
    });

    it('an unreadable file', async () => {
      const path = file('secret.txt', INVALID);
      chmodSync(path, 0o000);
      deniedPath.value = path;
      const io = fakeIo();
      expect(await runCli(['triage', path], io)).toBe(2);
      expect(io.stderr.join('')).toMatch(/permission denied/);
    });
  });

  it('exits 1 on an unexpected failure, without leaking the input', async () => {
    const io = fakeIo();
    io.readStdin = vi.fn(async () => {
      throw new Error(`stream broke while reading ${SECRET}`);
    });
    expect(await runCli(['triage'], io)).toBe(1);
    expect(io.stderr.join('')).toContain('unexpected failure');
    expect(io.stderr.join('')).not.toContain(SECRET);
  });
});
