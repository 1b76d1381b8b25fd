/**
 * The same error pasted in the shapes real pastes come in must get the same answer: each line behind a log prefix
 * (GitHub Actions' timestamps, a logger's time, level and thread, docker compose's container, syslog), the message
 * inside a JSON log line, word-wrapped at 80 columns (e-mail, narrow terminals), or escaped by Slack inside a quote
 * and a code fence. Checked on every case of the real-paste corpus: same first three causes, same entities.
 */

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';
import { stripLogPrefixes } from '../../src/triage/log-prefix.js';
import { loadCases } from './cases.js';

const eachLine = (prefix: string) => (text: string) =>
  text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');

function wordWrap(text: string, width = 80): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current && current.length + word.length + 1 > width) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

const slackQuoted = (text: string) =>
  `> \`\`\`\n${text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split('\n')
    .join('\n> ')}\n> \`\`\``;

/** Shapes, and the corpus cases whose answer may differ in that shape (with why). */
const SHAPES: Array<{ name: string; shape: (text: string) => string; except: string[] }> = [
  { name: 'GitHub Actions timestamps', shape: eachLine('2026-11-30T10:11:12.1234567Z '), except: [] },
  { name: 'logger time, level and thread', shape: eachLine('2026-11-30 10:11:12,345 ERROR [worker-3] '), except: [] },
  { name: 'docker compose container', shape: eachLine('app-1  | '), except: [] },
  { name: 'syslog', shape: eachLine('Nov 30 10:11:12 ip-10-0-0-1 node[1234]: '), except: [] },
  {
    name: 'a JSON log line',
    shape: (text) => JSON.stringify({ level: 'error', ts: 1764497472.1, msg: text }),
    // Bodies escaped twice already: a third level is past the two the normalizer undoes.
    except: ['e25', 'gatherA-089'],
  },
  {
    name: 'word-wrapped at 80 columns',
    shape: (text) => wordWrap(text),
    // Two calls (or two statuses, or two model ids) in one paste: the wrap splits the first one, the second is read
    // instead.
    except: ['gatherA-200', 'gatherJ-1-019'],
  },
  { name: 'Slack-escaped in a quoted code fence', shape: slackQuoted, except: [] },
  { name: "in pytest's failure gutter", shape: eachLine('E       '), except: [] },
  { name: 'with Windows line ends', shape: (text) => text.replace(/\n/g, '\r\n'), except: [] },
  {
    name: 'coloured by a terminal (ANSI escapes)',
    shape: (text) =>
      text
        .split('\n')
        .map((line) => `\x1b[0;31m${line}\x1b[0m`)
        .join('\n'),
    except: [],
  },
  { name: 'copied from a web page (curly apostrophes)', shape: (text) => text.replace(/'/g, '\u2019'), except: [] },
];

const ENTITY_KINDS = [
  'accessKeyId',
  'accountId',
  'region',
  'modelId',
  'action',
  'principalArn',
  'requestId',
  'errorCode',
  'operation',
  'httpStatus',
] as const;

function answer(text: string) {
  const t = triage(text);
  return {
    causes: t.causes.slice(0, 3).map((c) => c.id),
    entities: Object.fromEntries(ENTITY_KINDS.map((k) => [k, t.entities[k]])),
  };
}

const corpusDir = fileURLToPath(new URL('../fixtures/corpus', import.meta.url));
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => loadCases(`fixtures/corpus/${f}`));
const plain = new Map(corpus.map((c) => [c.id, answer(c.text)]));

describe('the same paste in the shapes pastes come in', () => {
  for (const { name, shape, except } of SHAPES) {
    it(`gets the same causes and entities ${name}`, () => {
      const changed: string[] = [];
      for (const c of corpus) {
        if (except.includes(c.id)) continue;
        const got = answer(shape(c.text));
        const want = plain.get(c.id);
        if (JSON.stringify(got) !== JSON.stringify(want))
          changed.push(`${c.id}: ${JSON.stringify(want)} -> ${JSON.stringify(got)}`);
      }
      expect(corpus.length).toBeGreaterThan(700);
      expect(changed).toEqual([]);
    });
  }
});

describe('stripLogPrefixes', () => {
  it('removes the prefixes loggers and runners put on each line, and keeps their timestamps', () => {
    const got = stripLogPrefixes(
      '2026-11-30T10:11:12.345Z ERROR [main] ExpiredTokenException: The security token\n' +
        '2026-11-30T10:11:13.001Z ERROR [main]     included in the request is expired',
    );
    expect(got.text).toBe('ExpiredTokenException: The security token\n    included in the request is expired');
    expect(got.stamps).toBe('2026-11-30T10:11:12.345Z\n2026-11-30T10:11:13.001Z');
    expect(stripLogPrefixes('worker_2    | 403 Forbidden\nworker_2    | next').text).toBe('403 Forbidden\nnext');
    expect(stripLogPrefixes('[pod/api-7d9/app] AccessDenied').text).toBe('AccessDenied');
    expect(stripLogPrefixes('Dec  3 09:00:01 host-1 python3[88]: botocore error').text).toBe('botocore error');
    expect(stripLogPrefixes('[2026-12-03 09:00:01,123] WARNING - retrying').text).toBe('retrying');
    expect(stripLogPrefixes('E       botocore.exceptions.ClientError: x\nE         more').text).toBe(
      'botocore.exceptions.ClientError: x\n  more',
    );
    expect(stripLogPrefixes('E   ExpiredTokenException: y').text).toBe('ExpiredTokenException: y');
  });

  it('leaves text that only looks like a prefix', () => {
    for (const text of [
      'env | grep AWS_\nenv | sort',
      '2026-11-30T10:11:12Z',
      'Signature expired: 20261130T101112Z is now earlier than 20261130T102000Z',
      'at 2026-11-30T10:11:12Z the call failed',
      '{"message":"The security token included in the request is invalid."}',
    ]) {
      expect(stripLogPrefixes(text).text).toBe(text);
    }
  });

  it('puts the message of a structured log line on a line of its own, the envelope kept', () => {
    expect(stripLogPrefixes('{"level":"error","requestId":"r-1","msg":"403 AccessDenied"}').text).toBe(
      '{"level":"error","requestId":"r-1","msg":"\n403 AccessDenied"}',
    );
  });
});

describe('triage of logged pastes', () => {
  it('reads a Java error wrapped over prefixed lines as it reads the bare one', () => {
    const bare =
      'com.amazonaws.services.sqs.model.AmazonSQSException: The security token included in the request is expired\n' +
      '(Service: AmazonSQS; Status Code: 403; Error Code: ExpiredToken; Request ID:\n' +
      'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d)';
    const logged = bare
      .split('\n')
      .map((line, i) => `2026-12-01T08:0${i}:00.000Z ERROR [sqs-poller] ${line}`)
      .join('\n');
    const t = triage(logged);
    expect(t.causes[0]?.id).toBe('temp_credentials_expired');
    expect(t.entities).toMatchObject({
      httpStatus: 403,
      errorCode: 'ExpiredToken',
      requestId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    });
    // The time of the paste still comes from the prefixes that were removed.
    expect(t.entities.errorTime).toBe('2026-12-01T08:02:00.000Z');
    expect(triage(bare).entities.errorTime).toBeUndefined();
  });

  it('reads a status that opens the message of a compose-prefixed line', () => {
    const t = triage(
      "api-1  | 400 Invocation of model ID anthropic.claude-sonnet-4-6 with on-demand throughput isn't supported.\n" +
        'api-1  | Retry your request with the ID or ARN of an inference profile that contains this model.',
    );
    expect(t.entities.httpStatus).toBe(400);
    expect(t.causes[0]?.id).toBe('inference_profile_required');
  });
});
