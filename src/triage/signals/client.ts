/** The client and runtime: injected credentials, third-party signers, works elsewhere, regressions, bearer tokens. */
import { NO_CREDENTIALS_MESSAGES } from '../families/groups.js';
import { clip, sentenceAround } from '../quote.js';
import { credentialSources } from './credential-source.js';
import { KEY_REFUSED_FAMILIES, type SignalContext } from './types.js';

const AMBIENT_RUNTIME =
  /\/var\/task\/|runtime\.handler|aws_lambda_function_name|lambda_function\.py|\blambda_handler\b|"errortype":|aws_container_credentials|aws_web_identity_token_file|\/var\/runtime\/|\bin (?:a |an |the |my )?(?:aws )?lambda\b|\bon vercel\b|\bvercel\b|\becs task\b|\bfargate\b|\birsa\b|configure-aws-credentials/i;
const THIRD_PARTY_SIGNER =
  /permissiondeniederror|anthropicbedrock|@anthropic-ai|anthropic\.[a-z]{0,20}error|anthropic-sdk|from anthropic import|ai_apicallerror|@ai-sdk\/|litellm|bedrockexception|claude code|\bcline\b|api request failed|\bapi error: 4\d\d|openai-compatible|sigv4 helper|requests-aws4auth|own signer|own sigv4/i;
const WORKS_ELSEWHERE =
  /\bworks? (?:fine |correctly |perfectly |ok |well )?(?:locally|on my machine|in the (?:aws )?cli|with the (?:aws )?cli|from the (?:aws )?cli|with --profile|in the console|from my laptop)\b|\bsame (?:keys?|credentials) work\b|\bworks? with (?:the )?aws cli\b|\bthe key works with\b/i;
const CLIENT_REGRESSION =
  /\b(?:since|after) (?:upgrading|updating|the (?:upgrade|update))\b|\b(?:since|after) (?:moving|going|switching) to (?:v(?:ersion)? ?)?\d+\.\d+|\bdowngrad(?:e|ed|ing)\b|\bregression\b|\bworked (?:fine )?(?:in|with|on) (?:v(?:ersion)? ?)?\d+\.\d+|\b(?:revert(?:ed|ing)?|roll(?:ed|ing)? back) to (?:the )?(?:previous|older|earlier|last|prior) (?:version|release)\b|\bbroke (?:in|with) (?:v(?:ersion)? ?)?\d+\.\d+|\b(?:v?\d+\.\d+(?:\.\d+)?|commit\/[0-9a-f]{7,40}|commit [0-9a-f]{7,40}) (?:breaks|broke)\b/i;
/** A command run through sudo (or as root) sees root's ~/.aws and environment, not the user's. */
const ELEVATED_SHELL = /(?:^|[\s$#>`'"(])sudo\s+(?:-[a-z]+\s+)*[a-z]/im;
/** The same setup worked before ("worked yesterday", "was working fine until"). */
const WORKED_BEFORE =
  /\b(?:was|were|had been|used to be) working\b|\bworked (?:fine |well |perfectly )?(?:before|yesterday|earlier|last (?:week|month|night)|the day before|until|till|a (?:few )?(?:days?|weeks?) ago)\b|\b(?:suddenly|all of a sudden) (?:started |began )?(?:fail|failing|getting|throwing|returning|stopped)\b|\bstopped working\b/i;
/**
 * A programming error thrown by the client's own code (`ReferenceError: _CreateTokenCommand is not defined` inside the
 * SDK's SSO token refresh, `'NoneType' object has no attribute 'access_key'`): the credential message beside it is
 * what the crash left behind, not what AWS said about the credentials.
 */
const CLIENT_CRASH =
  /\breferenceerror: [^\n]{1,80} is not defined\b|\btypeerror: [^\n]{1,80} is not a (?:function|constructor)\b|\battributeerror: [^\n]{1,80} has no attribute\b|\bnameerror: name '[^'\n]{1,60}' is not defined\b|\bundefined method [`'][^\n]{1,60}' for nil\b/i;
const BEARER = /aws_bearer_token_bedrock|authorization: bearer|\bbedrock api key\b|\bbearer_token\b/i;

/** Families a Bedrock API key (bearer token) can be behind. */
const BEARER_FAMILIES = [
  'api_key_rejected',
  'api_key_format',
  'bearer_token_invalid',
  'auth_header_missing',
  'access_denied_bare',
] as const;

export function clientSignals(ctx: SignalContext): void {
  const { add, has, input, norm, tools, key, tokenFamily } = ctx;
  const list = tools.configureList;
  const vars = tools.credentials.vars;
  if ((tokenFamily || has('token_expired')) && key.kind !== 'temporary') {
    const runtime = AMBIENT_RUNTIME.exec(norm.flat);
    if (runtime)
      add(
        'ambient_session_runtime',
        `the code runs where the platform injects credentials ("${clip(runtime[0], 40)}")`,
      );
  }
  if (has(...KEY_REFUSED_FAMILIES)) {
    const client = THIRD_PARTY_SIGNER.exec(norm.flat);
    if (client)
      add(
        'third_party_signer',
        `the error comes through a client that signs requests itself ("${clip(client[0], 40)}")`,
      );
  }
  const credentialFailure =
    tokenFamily || has('token_expired', ...NO_CREDENTIALS_MESSAGES, 'unsigned_request', 'signature_mismatch');
  const elevated = credentialFailure ? ELEVATED_SHELL.exec(norm.flat) : null;
  if (elevated) add('elevated_shell', `the command runs through sudo ("${clip(elevated[0].trim(), 40)}")`);
  const before = tokenFamily ? WORKED_BEFORE.exec(norm.flat) : null;
  if (before)
    add('worked_before', `the text says "${clip(sentenceAround(norm.flat, before.index, before[0].length), 140)}"`);
  const works = WORKS_ELSEWHERE.exec(norm.flat);
  if (works)
    add('works_elsewhere', `the text says "${clip(sentenceAround(norm.flat, works.index, works[0].length), 140)}"`);
  // Not under a policy's denial: AWS evaluated the policies and said which one refused; an upgrade can change the
  // identity or the calls a client makes (then the denial names them), not write a Deny.
  const denial = has('denied_explicit', 'denied_implicit', 'denied_principal');
  const regression = denial ? null : CLIENT_REGRESSION.exec(norm.flat);
  if (regression) {
    add(
      'client_regression',
      `the text says "${clip(sentenceAround(norm.flat, regression.index, regression[0].length), 140)}"`,
    );
  }

  const crash = credentialFailure || has('sso_expired') ? CLIENT_CRASH.exec(norm.flat) : null;
  if (crash) add('client_crash', `the client's own code crashed ("${clip(crash[0], 80)}")`);

  // Bedrock API keys.
  const { profileSet } = credentialSources(ctx);
  const bearer = input.secrets.bedrockApiKey || BEARER.test(norm.flat);
  // A client given a Bedrock API key that still looks for SigV4 credentials ("Could not load credentials from any
  // providers") never sent the key: it ignores it (a client bug, a version without API-key support), whatever the key.
  const keyUnused = bearer && has(...NO_CREDENTIALS_MESSAGES, 'unsigned_request');
  if (keyUnused) {
    add('api_key_not_sent', 'a Bedrock API key is configured, yet the client looked for SigV4 credentials instead');
  } else if (bearer && (tokenFamily || has(...BEARER_FAMILIES))) {
    add('bearer_token_present', 'a Bedrock API key (bearer token) is used for this call');
  }
  if (!bearer && has(...NO_CREDENTIALS_MESSAGES, 'unsigned_request') && /\bbedrock\b/.test(norm.lower)) {
    add('bedrock_call_without_sigv4', 'a Bedrock call found no SigV4 credentials');
  }
  if (bearer && (vars.has('AWS_ACCESS_KEY_ID') || list?.accessKey !== undefined || profileSet)) {
    add('bearer_and_sigv4', 'AWS_BEARER_TOKEN_BEDROCK and SigV4 credentials (keys or a profile) are both configured');
  }
}
