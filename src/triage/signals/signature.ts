/** Signature details: headers changed after signing, a hand-copied secret, the clock, the skew AWS quotes. */
import { clip, sentenceAround } from '../quote.js';
import { KEY_REFUSED_FAMILIES, SIGNATURE_FAMILIES, type SignalContext, type SkewFacts } from './types.js';

const SIGNED_EXTRA = /canonical string|canonical request|string to sign|string-to-sign/i;
const PROXY_HEADERS = /x-forwarded-|x-real-ip|\bconnection:|%253a|%3a/i;
const SECRET_COPY =
  /\b(?:copied|copy(?:-| and )?past(?:e|ed)|spreadsheet|trailing (?:white)?space|whitespace|newline|line break|smtp credentials|ses smtp|duplicated? (?:line|entry))\b/i;
const CLOCK_HINT =
  /\b(?:clock|ntp|time ?sync|timedatectl|woke|wake|resum(?:e|ed|ing)|after sleep|from sleep|hibernat\w*|wsl2?|docker desktop|system time|time drift)\b/i;
/** The person says the clock was wrong, not merely that there is one. */
const CLOCK_WRONG =
  /\b(?:clock|system time|time)\b[^.\n]{0,40}\b(?:out of sync|not in sync|in sync\?|was off|is off|drift(?:ed|ing)?|behind|ahead|wrong|manually set|set manually|incorrect|skew(?:ed)?)\b|\b(?:synced|synchroni[sz]ed|fixed|corrected|reset) (?:the |my |their )?(?:system )?(?:clock|time)\b|\bclock (?:was|is|were) (?:not )?in sync\b|\btime (?:and timezone|zone) (?:to |on )?(?:automatic|auto)/i;
/** The clock itself, not any time: "device clock", "system time", "date/time". */
const CLOCK_NAMED = /\b(?:clock|system time|device time|date ?\/ ?time)\b/i;
/** Families whose message says nothing of why the request was refused. */
const UNSPECIFIC_FAMILIES = ['generic_auth', 'unrecognized_error', 'access_denied_bare', 'service_error_code'] as const;
/** The window AWS quotes is usually 5 minutes, sometimes 15 (ECR); the "Signature expired:" head may be cut off. */
const SIGNATURE_EXPIRED =
  /(?:signature expired: )?(\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - \d{1,2} min\.?\)/i;
const SIGNATURE_NOT_YET =
  /(?:signature not yet current: )?(\d{8}T\d{6}Z) is still later than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) \+ \d{1,2} min\.?\)/i;

/**
 * Clients that sign requests with their own SigV4 (or v2) code rather than an AWS SDK's, named by the text: Soto
 * (Swift, formerly AWSSDKSwiftCore), amazonka (Haskell, whose ServiceError record shows `_serviceAbbrev`), the Erlang
 * and Elixir clients (erlcloud, aws-erlang / aws-beam, ex_aws and its `ExAws.` modules; Erlang's `#{<<"Key">>` binary
 * maps), Clojure's cognitect aws-api (`cognitect.aws`), Scala's Alpakka S3 (`akka.stream.alpakka.s3`), rclone's v2
 * signer, curl's --aws-sigv4, and the aws4 / requests-aws4auth signing libraries.
 */
const CUSTOM_SIGNER =
  /\b(?:soto(?:core)?|awssdkswiftcore|amazonka|erlcloud(?:_[a-z0-9]{1,20})?|aws[-_]erlang|aws-beam|aws[-_]elixir|ex_?aws|requests-aws4auth|aws4auth|cognitect\.aws|alpakka)\b|\b_serviceabbrev\b|#\{<<"|--s3-v2-auth\b|--aws-sigv4\b|\brequire\(["']aws4["']\)|\baws4\.sign\(/i;

/**
 * An AWS SDK or the AWS CLI signed the request: its own exception classes, its error format or its package names
 * (botocore's "An error occurred (X) when calling the Y operation", Go v2's "operation error S3:", JS v3's
 * `$metadata`, the Java, .NET, Ruby, PHP and Rust SDKs' namespaces).
 */
const AWS_SDK_SIGNER =
  /\b(?:botocore|boto3|com\.amazonaws\.services|software\.amazon\.awssdk|aws_sdk_[a-z0-9]{2,30}|amazon\.runtime|awssdk\.[a-z]{2,30})\b|@aws-sdk\/|\baws-sdk-(?:go|java|js|net|php|ruby|cpp)\b|\baws::[a-z0-9]{2,30}::errors\b|\baws\\exception\b|\$metadata\b|an error occurred \((?:signaturedoesnotmatch|invalidsignatureexception)\) when calling the \w{2,60} operation|\boperation error [a-z0-9 ]{2,40}: \w{2,60}, https response error/i;

function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function measureSkew(flat: string): SkewFacts | undefined {
  const expired = SIGNATURE_EXPIRED.exec(flat);
  const early = expired ?? SIGNATURE_NOT_YET.exec(flat);
  if (!early) return undefined;
  const signedAt = early[1] ?? '';
  const awsTime = early[3] ?? '';
  const seconds = (parseAmzDate(awsTime) - parseAmzDate(signedAt)) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return { seconds, signedAt, awsTime };
}

export function signatureSignals(ctx: SignalContext): SkewFacts | undefined {
  const { add, has, norm } = ctx;
  if (has(...SIGNATURE_FAMILIES) && SIGNED_EXTRA.test(norm.flat) && PROXY_HEADERS.test(norm.flat)) {
    add(
      'signed_extra_headers',
      'the canonical request AWS quotes carries proxy headers or a re-encoded ":" in the path',
    );
  }
  const signing = has(...SIGNATURE_FAMILIES, ...KEY_REFUSED_FAMILIES);
  if (signing) {
    const copy = SECRET_COPY.exec(norm.flat);
    if (copy && has('signature_mismatch'))
      add('secret_copy_hint', `the text says "${clip(sentenceAround(norm.flat, copy.index, copy[0].length), 140)}"`);
  }
  // Beside a 403 or an error no family knows, a person saying the clock was off ("my device clock is one day ahead",
  // "clock drift issue") counts too: a request signed at the wrong time is refused in words that do not say so (API
  // Gateway's IAM authorizer, the mobile SDKs' bare "Status code 403"). There only the clock itself counts, not any
  // "time ... wrong", and a mere mention of a clock is no hint.
  if (signing || has(...UNSPECIFIC_FAMILIES)) {
    const wrong = CLOCK_WRONG.exec(norm.flat);
    const clock = signing ? CLOCK_HINT.exec(norm.flat) : null;
    if (wrong && (signing || CLOCK_NAMED.test(wrong[0])))
      add('clock_wrong', `the text says "${clip(sentenceAround(norm.flat, wrong.index, wrong[0].length), 140)}"`);
    else if (clock) add('clock_hint', `the text mentions "${clip(clock[0], 40)}"`);
  }
  if (has('signature_mismatch')) {
    const signer = CUSTOM_SIGNER.exec(norm.flat);
    const sdk = signer ? undefined : AWS_SDK_SIGNER.exec(norm.flat);
    if (signer)
      add(
        'custom_signer',
        `the request was signed by a client's own SigV4 code, not an AWS SDK ("${clip(signer[0], 40)}")`,
      );
    else if (sdk) add('aws_sdk_signer', `an AWS SDK or the AWS CLI signed the request ("${clip(sdk[0], 40)}")`);
  }
  const skew = measureSkew(norm.flat);
  if (skew) add('skew_measured', `AWS quotes signing time ${skew.signedAt} against its time ${skew.awsTime}`);
  return skew;
}
