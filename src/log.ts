/**
 * The one logger: pino JSON lines on stderr-free stdout, with every secret-shaped value redacted wherever it
 * appears (keys named like secrets, values shaped like secrets, and inside error messages and stacks).
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import { REDACTED, scrubDeep, scrubSecrets } from './secrets.js';

export type { Logger } from 'pino';

const REDACT_PATHS = [
  'secretAccessKey',
  'SecretAccessKey',
  'sessionToken',
  'SessionToken',
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'password',
  'authorization',
  'Authorization',
  'apiKey',
  'bearerToken',
  '*.secretAccessKey',
  '*.SecretAccessKey',
  '*.sessionToken',
  '*.SessionToken',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.password',
  '*.authorization',
  '*.Authorization',
  '*.apiKey',
  '*.bearerToken',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
];

export interface LoggerOptions {
  level?: string;
  /** Exact secret values (tokens, signing secret) to remove wherever they appear. */
  knownSecrets?: readonly string[];
  /** Where to write; defaults to stdout. Tests pass a capturing stream. */
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const known = options.knownSecrets ?? [];
  return pino(
    {
      name: options.name ?? 'bedrock-403',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        err: (err: unknown) => scrubDeep(err, known),
        error: (err: unknown) => scrubDeep(err, known),
      },
      formatters: {
        log: (object) => scrubDeep(object, known) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const first = args[0] as unknown;
          if (first instanceof Error && typeof args[1] !== 'string') {
            // pino would take the message from the error itself, past every other hook.
            args.splice(0, 1, { err: first } as never, scrubSecrets(first.message, known) as never);
          }
          const cleaned = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg, known) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
