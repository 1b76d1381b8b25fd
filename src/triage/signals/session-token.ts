/** The session token (present, absent, its length) and the key kind, and the signals of one against the other. */
import { PARTIAL_SIGV4_KEY_ID } from '../../aws-facts/access-key-ids.js';
import { clip } from '../quote.js';
import { isPresentValue } from '../tool-output.js';
import {
  KEY_REFUSED_FAMILIES,
  type KeyKind,
  type SessionTokenFacts,
  type SignalContext,
  type SignalInput,
} from './types.js';

const TOKEN_HEADER = /x-amz-security-token/i;
const TOKEN_PROSE =
  /\b(?:has|have|had|with|plus|also|still|leftover|stale|old|exported|set)\b[^.\n]{0,24}\baws_session_token\b|\baws_session_token\b[^.\n]{0,24}\b(?:is |was )?(?:set|present|exported|defined|injected|leftover)\b/i;
const TOKEN_ABSENT_PROSE =
  /\bwithout (?:a |the |its |any )?(?:aws_)?session[ _]token\b|\bno session[ _]token\b|\bsession[ _]token (?:is |was )?(?:missing|not set|empty|not passed|dropped|not sent)\b/i;
const TOKEN_VALUE =
  /(?:aws_session_token|sessiontoken|aws_security_token|x-amz-security-token)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?([A-Za-z0-9/+=%]{100,8192})/i;
/** Prose or tools that hand out temporary credentials (whose key is unknown to AWS without its token). */
const TEMPORARY_SOURCE =
  /\btemporary (?:aws )?(?:credentials|keys|access keys|security credentials)\b|\bsaml\b|\bsaml2aws\b|\boidc\b|configure-aws-credentials|\bassumed[- ]role credentials\b|\bsession credentials\b/i;
const KEY_KWARG = /\b(?:aws_access_key_id|accesskeyid|aws_access_key|access_key_id)\b/i;
const SECRET_KWARG = /\b(?:aws_secret_access_key|secretaccesskey|aws_secret_key|secret_access_key)\b/i;
const TOKEN_WORD = /session_?token|security_?token|x-amz-security-token|sessiontoken/i;
/** A session token shown empty inline: a JSON credential dump (`"AWS_SESSION_TOKEN": null`), Python's `None`. */
const TOKEN_EMPTY_INLINE =
  /\b(?:aws_session_token|aws_security_token|sessiontoken|session_token)["']?[ \t]{0,4}[:=][ \t]{0,4}(?:null|none|nil|undefined|""|'')(?![A-Za-z0-9_])/i;
/** What hands out temporary credentials without naming them so: an assumed role, an MFA session. */
const ASSUMED_SESSION = /\bassumed?[-_ ]?role|\bmfa\b|\bget-?session-?token\b/i;
/**
 * A call to IAM: the IAM API refuses credentials from GetSessionToken unless the session was made with MFA, and
 * answers with InvalidClientTokenId (STS API Reference, GetSessionToken: "You cannot call any IAM API operations
 * unless MFA authentication information is included in the request").
 */
const IAM_CALL =
  /\bservice: ?iam\b|\bservice: ?amazonidentitymanagement\b|\biam\.amazonaws\.com\b|\baws::iam::|\boperation error iam:|\baws iam [a-z]|\biam\.(?:list|get|create|delete|update|attach|put)_[a-z_]{2,40}\(|\bwhen calling the (?:create|delete|get|list|update|attach|put)(?:role|user|policy|accesskey|rolepolicy|userpolicy|instanceprofile|group|policyversion)s? operation|\blist_roles\(|\baws-vault rotate\b/i;
/** What makes GetSessionToken sessions: the call itself, aws-vault (its default for IAM users, `--no-session` not). */
const SESSION_TOKEN_MAKER = /\bget[-_ ]?session[-_ ]?token\b|\baws-vault\b(?![^\n]{0,40}--no-session)/i;
/** The headers a SigV4 Authorization header signed: a temporary key's request signs its x-amz-security-token. */
const SIGNED_HEADERS = /\bSignedHeaders=([A-Za-z0-9;-]{1,600})/;
export function sessionTokenFacts(input: SignalInput): SessionTokenFacts {
  const { norm, tools, secrets } = input;
  const vars = tools.credentials.vars;
  const tokenVar = vars.get('AWS_SESSION_TOKEN') ?? vars.get('AWS_SECURITY_TOKEN');
  const facts: SessionTokenFacts = { present: false, absent: false };
  const length = TOKEN_VALUE.exec(input.unscrubbed)?.[1]?.length;
  if (length !== undefined) facts.length = length;
  if (isPresentValue(tokenVar)) {
    facts.present = true;
    facts.where = 'AWS_SESSION_TOKEN is set in the pasted environment/credentials';
  } else if (secrets.sessionToken) {
    facts.present = true;
    facts.where = 'a session token value is in the text';
  } else if (TOKEN_HEADER.test(norm.text)) {
    facts.present = true;
    facts.where = 'the request carries an x-amz-security-token';
  } else if (TOKEN_PROSE.test(norm.flat)) {
    facts.present = true;
    facts.where = 'the text says AWS_SESSION_TOKEN is set';
  }
  if (facts.present) return facts;
  const listedKey = vars.has('AWS_ACCESS_KEY_ID');
  if (tokenVar !== undefined && !isPresentValue(tokenVar)) {
    facts.absent = true;
    facts.empty = true;
    facts.absentWhere = 'AWS_SESSION_TOKEN is empty';
  } else if (TOKEN_EMPTY_INLINE.test(norm.flat)) {
    facts.absent = true;
    facts.empty = true;
    facts.absentWhere = 'the pasted credentials show the session token empty (null, None)';
  } else if (tools.credentials.listing && listedKey) {
    facts.absent = true;
    facts.absentWhere = 'the pasted credentials have an access key and a secret but no session token';
  } else if (KEY_KWARG.test(norm.flat) && SECRET_KWARG.test(norm.flat) && !TOKEN_WORD.test(norm.flat)) {
    facts.absent = true;
    facts.absentWhere = 'the client is given an access key and a secret but no session token';
  } else if (TOKEN_ABSENT_PROSE.test(norm.flat)) {
    facts.absent = true;
    facts.absentWhere = 'the text says no session token is passed';
  }
  return facts;
}

export function keyKindOf(input: SignalInput): KeyKind {
  const { entities } = input.facts;
  if (entities.accessKeyType === 'long_term') return { kind: 'long_term', label: `access key ${entities.accessKeyId}` };
  if (entities.accessKeyType === 'temporary') return { kind: 'temporary', label: `access key ${entities.accessKeyId}` };
  const partial = PARTIAL_SIGV4_KEY_ID.exec(input.norm.flat);
  const prefix = partial?.[1] ?? partial?.[2];
  if (prefix === 'AKIA') return { kind: 'long_term', label: 'the long-term (AKIA) key the text shows in part' };
  if (prefix === 'ASIA') return { kind: 'temporary', label: 'the temporary (ASIA) key the text shows in part' };
  if (
    /(?<![A-Za-z0-9])AKIA(?![A-Z0-9])|\blong[- ]term (?:access )?(?:keys?|credentials)\b|\b(?:iam )?user (?:access )?keys?\b/i.test(
      input.norm.flat,
    )
  ) {
    return { kind: 'long_term', label: 'the long-term (AKIA) key the text describes' };
  }
  if (/(?<![A-Za-z0-9])ASIA(?![A-Z0-9])/.test(input.norm.flat)) {
    return { kind: 'temporary', label: 'the temporary (ASIA) key the text describes' };
  }
  return { label: '' };
}

/** Key prefix against session token: the decisive context for the ambiguous "security token ... invalid". */
export function keyTokenSignals(ctx: SignalContext): void {
  const { add, has, key, token, tokenFamily } = ctx;
  if (key.kind === 'long_term' && token.present) {
    add('long_term_key_with_token', `${key.label} is a long-term (AKIA) key and ${token.where}`);
  } else if (key.kind === 'temporary' && token.absent) {
    add('temp_key_without_token', `${key.label} is a temporary (ASIA) key and ${token.absentWhere}`);
  } else if (key.kind === 'temporary' && tokenFamily && !token.present && SIGNED_HEADERS.test(ctx.norm.flat)) {
    // A token that is sent is signed (SigV4 lists x-amz-security-token in SignedHeaders); AWS answering "invalid
    // token" rather than a signature mismatch says the key itself was not known without it.
    token.absent = true;
    token.absentWhere = 'the SigV4 Authorization header signs no x-amz-security-token (SignedHeaders)';
    add('temp_key_without_token', `${key.label} is a temporary (ASIA) key and ${token.absentWhere}`);
  } else if (key.kind === undefined && token.empty && tokenFamily) {
    // Credentials an assumed role or an MFA session handed out are temporary, whatever the paste hides of the key.
    const source = TEMPORARY_SOURCE.exec(ctx.norm.flat) ?? ASSUMED_SESSION.exec(ctx.norm.flat);
    if (source) {
      add(
        'temp_key_without_token',
        `the credentials come from "${source[0]}", which hands out temporary keys, and ${token.absentWhere}`,
      );
    }
  } else if (key.kind === 'temporary' && tokenFamily && !token.present) {
    add('temp_key', `${key.label} is a temporary (ASIA) key`);
  }
  if (key.kind === 'long_term' && !token.present && has('token_invalid', 'auth_failure', 'key_id_not_exist')) {
    add('long_term_key', `${key.label} is a long-term (AKIA) key`);
  }
  if (key.kind === 'long_term' && has('token_expired')) {
    add('long_term_key_but_expired', `${key.label} is long-term, yet AWS answers "expired"`);
  }
  const temporary =
    tokenFamily && key.kind === undefined && !token.present ? TEMPORARY_SOURCE.exec(ctx.norm.flat) : null;
  if (temporary) add('temporary_source', `the text says the credentials are temporary ("${temporary[0]}")`);
  const iam = has('token_invalid') ? IAM_CALL.exec(ctx.norm.flat) : null;
  if (iam) {
    const maker = SESSION_TOKEN_MAKER.exec(ctx.norm.flat);
    if (maker)
      add(
        'iam_call_session_token_credentials',
        `IAM is called ("${clip(iam[0], 40)}") with a GetSessionToken session ("${clip(maker[0], 30)}")`,
      );
    else add('iam_call_token_invalid', `the refused call goes to IAM ("${clip(iam[0], 40)}")`);
  }
  if (key.kind === 'temporary' && token.present && has(...KEY_REFUSED_FAMILIES)) {
    add('temp_key_with_token_invalid', `${key.label} is temporary and was sent with a token`);
  }
}
