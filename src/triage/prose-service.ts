/**
 * The service a paste names in words when no SDK slot, host, credential scope, operation or CLI command does:
 * "Error uploading ... to S3:", "could not create volume in EC2:", "the first DynamoDB request", "creating the
 * Route53 client", Haskell's `_serviceAbbrev = Abbrev "Lambda"`. The value is kept as the text spells it.
 *
 * A service named beside a word of the call (request, client, error, bucket ...) or after a word that sends something
 * to it ("to S3:", "in EC2:") is the call's. A bare mention counts only when it is the only service named and not one
 * that is usually where the code runs (Lambda, EC2, ECS, EKS) rather than what it called. IAM, STS and Bedrock are
 * left to the other rules: IAM and Bedrock are named in nearly every paste whatever was called.
 */
import { limited } from './limits.js';

/** Product names as people write them; the alternation is longest first so `CloudWatch Logs` wins over `CloudWatch`. */
const SERVICE_NAMES = [
  'Secrets Manager',
  'CloudWatchLogs',
  'CloudWatch Logs',
  'CloudFormation',
  'CloudWatch',
  'DynamoDB',
  'SageMaker',
  'Route ?53',
  'Kinesis',
  'Cognito',
  'Lambda',
  'Athena',
  'Glue',
  'SQS',
  'SNS',
  'SES',
  'KMS',
  'ECR',
  'ECS',
  'EKS',
  'SSM',
  'EC2',
  'S3',
].join('|');

/** Where the code usually runs, not what it called: only counted when the words around say it was called. */
const RUNTIME_SERVICES: ReadonlySet<string> = new Set(['lambda', 'ec2', 'ecs', 'eks', 'cloudformation']);

const CALL_WORD = '(?:requests?|client|calls?|API|error|bucket|backend|operation|endpoint|exception)';
/** `DynamoDB request`, `Route53 client`, `S3 bucket`, `s3 backend`. */
const SERVICE_THEN_CALL = new RegExp(String.raw`(?<![A-Za-z0-9_.-])(${SERVICE_NAMES})[ \t]${CALL_WORD}\b`, 'gi');
/** `to S3:`, `in EC2:`, `calling DynamoDB:`: a sentence that ends its clause on the service. */
const SENT_TO_SERVICE = new RegExp(
  String.raw`\b(?:to|in|from|calling|call)[ \t](?:AWS[ \t]|Amazon[ \t])?(${SERVICE_NAMES})(?=[:;])`,
  'gi',
);
/** Haskell amazonka's service record: `_serviceAbbrev = Abbrev "Lambda"`. */
const ABBREV_SLOT = /\bAbbrev "([A-Za-z0-9 ]{2,40})"/;
/**
 * A bare mention, as a word of its own (not `s3cmd`, `_create_s3_bucket`, `my-s3-data`), and not an IAM action's
 * prefix (`kms:Decrypt` is checked for another service's call) or an ARN's service field.
 */
const MENTION = new RegExp(`(?<![A-Za-z0-9_/:-])(${SERVICE_NAMES})(?![A-Za-z0-9_:-])`, 'gi');

function key(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** Any of the names as a word, whatever is around it: when none is, no other pattern needs to run. */
const ANY_NAME = new RegExp(`(?<![A-Za-z0-9_-])(?:${SERVICE_NAMES})(?![A-Za-z0-9_-])`, 'i');

export function proseService(text: string): string | undefined {
  const abbrev = ABBREV_SLOT.exec(text)?.[1];
  if (abbrev) return abbrev;
  if (!ANY_NAME.test(text)) return undefined;
  const called = [
    ...[...limited(text.matchAll(SERVICE_THEN_CALL))].map((m) => ({ name: m[1] ?? '', index: m.index ?? 0 })),
    ...[...limited(text.matchAll(SENT_TO_SERVICE))].map((m) => ({ name: m[1] ?? '', index: m.index ?? 0 })),
  ];
  if (called.length > 0) {
    // One service called in words; two different ones say nothing.
    if (new Set(called.map((c) => key(c.name))).size !== 1) return undefined;
    return [...called].sort((a, b) => a.index - b.index)[0]?.name;
  }
  const mentions = [...limited(text.matchAll(MENTION))].map((m) => m[1] ?? '');
  const distinct = new Set(mentions.map(key));
  const only = mentions[0];
  if (distinct.size !== 1 || only === undefined || RUNTIME_SERVICES.has(key(only))) return undefined;
  return only;
}
