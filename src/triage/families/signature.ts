/** Families of SigV4 signature messages: a wrong secret or signing, a clock off, a wrong signing scope. */
import type { Family } from './types.js';

const SIGV4_TROUBLESHOOTING = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html';

export const SIGNATURE_FAMILIES: readonly Family[] = [
  {
    id: 'signature_mismatch',
    meaning:
      'AWS recognised the access key id but computed another signature: the secret access key is wrong, or the ' +
      'request was changed after signing (headers, path encoding) (SignatureDoesNotMatch / InvalidSignatureException).',
    doc: SIGV4_TROUBLESHOOTING,
    wordings: [
      'signature we calculated does not match',
      'check your aws secret access key and signing method',
      'the request signature we calculated',
      // The Product Advertising API 5.0 (SigV4, InvalidSignature) words it its own way.
      'the request has not been correctly signed',
    ],
    codes: [
      'SignatureDoesNotMatch',
      'InvalidSignatureException',
      'IncompleteSignature',
      'IncompleteSignatureException',
      'InvalidSignature',
    ],
    codeYieldsTo: [
      'signature_expired',
      'credential_scope_region',
      'credential_scope_service',
      'credential_malformed',
      'auth_header_incomplete',
      'credential_whitespace',
    ],
    prior: { secret_key_mismatch: 0.82, clock_skew: 0.07, wrong_profile_or_env: 0.07, region_unsupported: 0.04 },
    priorWhy:
      'AWS documents the message for a signature computed with another secret or over other request bytes: a bad ' +
      'copy of the secret (whitespace, truncation, duplicated credentials line) or a proxy / custom signer that ' +
      'changed the request. Clock problems usually say "Signature expired" instead.',
    evidence: ['secret_copy_hint', 'signed_extra_headers', 'custom_signer', 'clock_hint', 'works_elsewhere'],
    commands: ['aws configure list', 'aws sts get-caller-identity'],
  },
  {
    id: 'signature_expired',
    meaning:
      'The request time is more than 5 minutes away from AWS time ("Signature expired", "Signature not yet ' +
      'current", RequestTimeTooSkewed).',
    doc: SIGV4_TROUBLESHOOTING,
    wordings: [
      'signature expired:',
      'signature not yet current',
      'request time too skewed',
      'requesttimetooskewed',
      'difference between the request time and the current time is too large',
      'signature has expired',
      // Kinesis Video Streams C SDKs (producer, WebRTC) with the AWS IoT credentials provider: the expiration of the
      // credentials IoT just issued is before the device's own time (0x15000017): the device clock runs ahead.
      'status_iot_expiration_occurs_in_past',
      '0x15000017',
    ],
    // AWS's comparison itself, quoted without its "Signature expired:" head (a stack line, a log field):
    // "20150307T194740Z is now earlier than 20150309T203545Z (20150309T204045Z - 5 min.)".
    // Or cut short, as a mobile SDK's JSON body quotes it (`"Message": Signature Expired ...`); not another cloud's
    // own sentence ("Signature expired. Please use local time", Tencent Cloud).
    patterns: [
      /\b\d{8}t\d{6}z is (?:now earlier|still later) than \d{8}t\d{6}z\b/,
      /\bsignature expired(?=[ \t]*(?:\.\.\.|…|["'}\]]|$))/m,
    ],
    codes: ['RequestTimeTooSkewed'],
    prior: { clock_skew: 0.95, unknown: 0.05 },
    priorWhy: 'AWS documents these for a request time off by over 5 minutes: the client clock or a delayed send.',
    evidence: ['skew_measured', 'clock_hint', 'clock_wrong'],
    commands: ['date -u'],
  },
  {
    id: 'request_expired',
    meaning:
      'RequestExpired ("Request has expired", EC2 and the other query APIs): the request reached AWS more than 15 ' +
      'minutes after its date stamp (or after a presigned expiry), or the stamp is more than 15 minutes ahead; AWS ' +
      'documents that with temporary security credentials it also means the credentials have expired.',
    doc: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html',
    wordings: ['request has expired'],
    codes: ['RequestExpired'],
    prior: { temp_credentials_expired: 0.5, clock_skew: 0.45, unknown: 0.05 },
    priorWhy:
      'AWS documents two meanings: a request time off by over 15 minutes, and expired temporary credentials. The ' +
      'SDKs correct a skewed clock themselves (they read the server time from the error and retry), so a ' +
      'RequestExpired that reaches the user is at least as often credentials that lapsed (a long job, a cached ' +
      'session); a clock mentioned in the text moves it to the clock.',
    evidence: ['clock_wrong', 'clock_hint', 'skew_measured'],
    commands: ['date -u', 'aws sts get-caller-identity'],
  },
  {
    id: 'credential_scope_region',
    meaning: 'The request was signed for another region than the endpoint it was sent to.',
    doc: SIGV4_TROUBLESHOOTING,
    wordings: [
      'credential should be scoped to a valid region',
      'credential should be scoped to correct region',
      'the authorization header is malformed; the region',
    ],
    patterns: [
      // S3's AuthorizationHeaderMalformed message names both regions ("the region 'us-east-1' is wrong; expecting
      // 'ap-northeast-1'"); clients that print only that clause drop the "header is malformed" prefix.
      // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
      /\bthe region '[^'\s]{1,40}' is wrong; expecting '/,
    ],
    prior: { region_unsupported: 0.85, wrong_profile_or_env: 0.1, secret_key_mismatch: 0.05 },
    priorWhy: 'The signing region and the endpoint region differ: a region set in one place and not the other.',
    evidence: ['other_region_works'],
  },
  {
    id: 'credential_malformed',
    meaning:
      'The Credential part of the Authorization header is malformed ("Credential must have exactly 5 ' +
      'slash-delimited elements"): the access key id slot holds something else (a secret with "/" in it, a mangled ' +
      'or swapped value), so AWS cannot even look the key up.',
    doc: SIGV4_TROUBLESHOOTING,
    wordings: [
      'credential must have exactly 5 slash-delimited elements',
      'slash-delimited elements',
      // S3's AuthorizationHeaderMalformed when the key id slot holds no key id (a placeholder, a swapped value).
      'the credential is mal-formed; expecting',
    ],
    prior: { key_not_found: 0.55, secret_key_mismatch: 0.35, wrong_profile_or_env: 0.1 },
    priorWhy:
      'Secret keys contain "/", key ids never do: a Credential with extra elements means the value sent as the key id ' +
      'is not a key id (key and secret swapped or mis-mapped), so no such key exists; a mangled secret is next.',
    evidence: [],
    commands: ['aws configure list'],
  },
  {
    id: 'auth_header_incomplete',
    meaning:
      'The Authorization header that reached AWS is not a complete SigV4 header ("Authorization header requires ' +
      "'Credential' parameter\", IncompleteSignatureException): the client put something else there (a bearer token " +
      'or API key where only SigV4 is taken, a token of its own) or built the header wrong; the credentials ' +
      'themselves were never checked.',
    doc: SIGV4_TROUBLESHOOTING,
    wordings: [
      "authorization header requires 'credential' parameter",
      "authorization header requires 'signature' parameter",
      "authorization header requires 'signedheaders' parameter",
      "authorization header requires existence of either a 'x-amz-date' or a 'date' header",
    ],
    prior: { unknown: 0.45, bedrock_api_key: 0.35, wrong_profile_or_env: 0.2 },
    priorWhy:
      'AWS answers this before looking at any key: the header is not SigV4. A client that builds it wrong (a ' +
      'regression, a hand-rolled signer) is the usual reason; a bearer token sent where SigV4 is required, or a ' +
      'token meant for another service, is the next.',
    evidence: ['bearer_token_present'],
  },
  {
    id: 'credential_whitespace',
    meaning:
      'A part of the Authorization header has no "=" ("\'...\' not a valid key=value pair (missing equal-sign)"): a ' +
      'blank inside a credential value (an access key id or secret copied with a space or line break, a placeholder ' +
      'with spaces) split the header, so AWS reads the rest of the Credential as a parameter of its own.',
    doc: SIGV4_TROUBLESHOOTING,
    wordings: [
      'not a valid key=value pair (missing equal-sign)',
      // Node's http refusing a header with a line break or control character in it: a credential copied with one
      // (a GitHub secret pasted with its trailing newline) ends up in the signed Authorization header.
      'invalid character in header content ["authorization"]',
    ],
    prior: { secret_key_mismatch: 0.7, key_not_found: 0.2, wrong_profile_or_env: 0.1 },
    priorWhy:
      'AWS splits the header at blanks: a credential pasted with whitespace (a trailing space after the key id, a ' +
      'line break in the secret) is the usual fix; a value that is not a key at all (a placeholder, another field) and ' +
      'credentials from another source than intended are the others.',
    evidence: [],
    commands: ['aws configure list'],
  },
  {
    id: 'credential_scope_service',
    meaning: 'The request was signed for another service name than the endpoint expects (a hand-rolled signer).',
    doc: SIGV4_TROUBLESHOOTING,
    wordings: ['credential should be scoped to correct service'],
    prior: { unknown: 0.7, wrong_profile_or_env: 0.15, secret_key_mismatch: 0.15 },
    priorWhy:
      'The client signed for another service name than the endpoint serves: a bug or a wrong setting of the client ' +
      '(Bedrock signs every endpoint as `bedrock`; a proxy hard-coding `es` or `execute-api`), not the keys. A ' +
      'custom endpoint or service setting the client reads is the next reading.',
    evidence: ['signed_extra_headers'],
  },
];
