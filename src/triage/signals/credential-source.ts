/** Where the credentials came from (environment, profile, tool output) and whose they are (identity, accounts). */
import { isAccountId } from '../../aws-facts/account-ids.js';
import { otherCallerAccounts } from '../entities.js';
import { NO_CREDENTIALS_MESSAGES } from '../families/groups.js';
import { clip, sentenceAround } from '../quote.js';
import { isPresentValue } from '../tool-output.js';
import type { SignalContext } from './types.js';

const ENV_MENTION =
  /\benv(?:ironment)? var(?:iable)?s?\b|\bfrom (?:the )?env(?:ironment)?\b|\bcredential env\b|\bin the environment\b|\benv vars?\b|(?<![A-Za-z0-9])\.env\b|\bdotenv\b|\b(?:loads?|loaded|exports?|exported|sets?) AWS_ACCESS_KEY_ID\b|found credentials in environment variables/i;
/**
 * What SDKs print when they list the providers of their credential chain ("Unable to load AWS credentials from
 * environment variables", Java v1; "Access key must be specified either via environment variable", Java v2; "Unable
 * to find environment variable credentials", JS v3; "failed to find credentials in the environment", Go v2; the
 * container provider's "AWS_CONTAINER_CREDENTIALS_FULL_URI" lines, Java; the Vercel AI SDK's LoadSettingError advice
 * "Pass it using the 'region' parameter or the AWS_REGION environment variable"; the region and base-URL variables
 * the Anthropic SDKs, LangChain.js and LiteLLM name when no region is set, "the AWS_REGION / AWS_DEFAULT_REGION
 * environment variable", "set AWS_REGION_NAME or AWS_REGION env variable or in .env file"): the SDK naming a source
 * it tried, not the person saying where the credentials came from.
 */
const SDK_CHAIN_ENV =
  /unable to load (?:aws )?credentials from environment variables|access key must be specified either via environment variable|unable to find environment variable credentials|failed to find credentials in the environment|contained with(?:in|ing) environment variable aws_container_credentials_full_uri|neither aws_container_credentials_full_uri or aws_container_credentials_relative_uri environment variables are set|pass it using the '[a-z]{1,40}' parameter or the [a-z0-9_]{1,60} environment variable|\baws_(?:default_)?region(?:_name)?(?: (?:\/|or) aws_(?:default_)?region(?:_name)?)? env(?:ironment)? var(?:iable)?s?\b(?: or in \.env file)?|\b[a-z0-9_]{1,60}_base_url environment variables?\b|\ban? env(?:ironment)? var(?:iable)? [`'"]?aws_(?:default_)?region\b/gi;
/** "Supposed to use the role", not "even if I don't want to use Bedrock" (a negation says what is not wanted). */
const UNINTENDED_IDENTITY =
  /(?<!\b(?:don't|do not|didn't|did not|doesn't|does not|not|never) )\b(?:supposed|meant|expected|intended|want|wanted|wants) (?:it )?to (?:use|be using|run as|assume)\b|\bshould (?:use|be using|run as|assume)\b|\bwrong (?:role|profile|account|user|credentials|keys?)\b|\binstead of (?:the |my |our )?(?:role|profile|irsa|instance|task role)\b/i;
const PROFILE_MENTION =
  /--(?:aws-)?profile\b|\baws_profile\b|\bprofile_name\b|\bcredentials_profile_name\b|\bdefault profile\b|\bnamed profile\b/i;
/** Credential sources that hand out short-lived credentials (when they lapse, clients say "no credentials"). */
const SHORT_LIVED_SOURCE =
  /\bsso\b|\bsso_session\b|\bsso_start_url\b|\bidentity center\b|\bprocesscredentials\b|\bprocess_credentials\b|\bcredential_process\b|\baws-vault\b|\bsaml2aws\b|\bgimme-aws-creds\b/i;
/** The person says the credentials expire or expired (not AWS's own "expired" message, a family of its own). */
const EXPIRY_STATED =
  /\b(?:creds|credentials|tokens?|sessions?)\b[^.\n]{0,30}\b(?:expire[sd]?|expiring|lapsed?)\b|\b(?:expired|expiring) (?:aws |sts |sso )?(?:creds|credentials|tokens?|sessions?)\b/i;
const CREDENTIALS_VERIFIED = [
  /\b(?:fetched|got|retrieved) (?:aws )?caller identity\b/i,
  /get-caller-identity\b[^.\n]{0,80}\b(?:works|worked|succeeds|succeeded|returns|returned|is fine|fine)\b/i,
  /\bcredentials (?:are )?(?:valid|working|work fine)\b/i,
];

/**
 * A local AWS emulator in play: LocalStack (its name, its host, its edge port 4566), moto (its server, its imports)
 * or the account id both answer with, 000000000000, which no real AWS account has. A "security token ... invalid"
 * then came from real AWS: the endpoint override was not applied, and AWS does not know the emulator's dummy key.
 */
const EMULATOR =
  /\blocalstack\b|\blocalhost\.localstack\.cloud\b|(?:localhost|127\.0\.0\.1|0\.0\.0\.0):4566\b|\bmoto_server\b|\bfrom moto import\b|@mock_aws\b|[:/"' ]000000000000(?:[:/"' ]|$)/im;
/** Placeholder access key ids (LocalStack's `test`, moto's `testing`, `dummy`, `fake`): not keys AWS can know. */
const PLACEHOLDER_KEYS = 'test|testing|dummy|fake|foo|foobar|mock|localstack|fakekey|dummykey|testkey';
const PLACEHOLDER_KEY_VALUE = new RegExp(`^(?:${PLACEHOLDER_KEYS})$`, 'i');
const PLACEHOLDER_KEY_INLINE = new RegExp(
  `\\b(?:aws_access_key_id|accesskeyid|access_key_id|aws_access_key)["']?[ \\t]{0,4}[:=][ \\t]{0,4}["'](${PLACEHOLDER_KEYS})["']`,
  'i',
);

/** Access keys from the environment, and a profile meant to be used (shared with the bearer-token signals). */
export function credentialSources(ctx: SignalContext): { envKey: boolean; profileSet: boolean } {
  const { tools, norm } = ctx;
  const list = tools.configureList;
  const vars = tools.credentials.vars;
  const envKey =
    list?.accessKey?.type === 'env' || (vars.has('AWS_ACCESS_KEY_ID') && isPresentValue(vars.get('AWS_ACCESS_KEY_ID')));
  const profileSet = Boolean(
    (list?.profile && isPresentValue(list.profile.value)) ||
      isPresentValue(vars.get('AWS_PROFILE')) ||
      /\bAWS_PROFILE=\S/.test(norm.flat),
  );
  return { envKey, profileSet };
}

/**
 * A profile that points at an `[sso-session]` section (what `aws configure sso` writes since AWS CLI 2.9) keeps its
 * sso_start_url and sso_region there. An SDK too old to read such sections reports both missing from the profile.
 */
const SSO_SESSION_UNREAD =
  /\bmissing required configuration: (?=[a-z_, ]{0,80}\bsso_start_url\b)(?=[a-z_, ]{0,80}\bsso_region\b)/;

export function credentialSourceSignals(ctx: SignalContext): void {
  const { add, facts, norm, tools } = ctx;
  const { entities } = facts;
  const keyId = entities.accessKeyId;
  const list = tools.configureList;
  const vars = tools.credentials.vars;
  const { envKey, profileSet } = credentialSources(ctx);
  if (ctx.has('sso_config_invalid') && SSO_SESSION_UNREAD.test(ctx.norm.lower))
    add(
      'sso_session_unread',
      'both sso_start_url and sso_region are "missing": the profile likely uses an [sso-session] section the tool cannot read',
    );
  // "My aws creds expire every day", "once the session token expired": the person ties the failure to expiry, which
  // AWS often words as "invalid" (a lapsed session token is no longer recognised).
  const expiry = ctx.tokenFamily && !ctx.has('token_expired') ? EXPIRY_STATED.exec(norm.flat) : null;
  if (expiry)
    add('expiry_stated', `the text says "${clip(sentenceAround(norm.flat, expiry.index, expiry[0].length), 140)}"`);
  const shortLived = ctx.has(...NO_CREDENTIALS_MESSAGES) ? SHORT_LIVED_SOURCE.exec(norm.flat) : null;
  if (shortLived) add('short_lived_source', `the credentials come from "${clip(shortLived[0], 40)}"`);
  if (envKey && profileSet) {
    const profile =
      list?.profile?.value && isPresentValue(list.profile.value) ? list.profile.value : vars.get('AWS_PROFILE');
    add(
      'env_keys_over_profile',
      `the access key comes from environment variables while profile ${profile ?? '(set)'} is meant to be used`,
    );
  } else if (envKey) {
    add('env_keys', 'the access key comes from environment variables (AWS_ACCESS_KEY_ID)');
  }
  if (list?.accessKey && !isPresentValue(list.accessKey.value)) {
    add('no_credentials_listed', '`aws configure list` shows access_key <not set>');
  }
  const masked = list?.accessKey?.value.match(/^\*{4,}([A-Z0-9]{4})$/)?.[1];
  const otherKey = facts.accessKeyIds.find((id) => masked !== undefined && !id.endsWith(masked));
  if (masked && otherKey && !facts.accessKeyIds.some((id) => id.endsWith(masked))) {
    add('masked_key_mismatch', `\`aws configure list\` shows a key ending in ${masked}, the error names ${otherKey}`);
  }
  if (!envKey && ENV_MENTION.test(norm.flat.replace(SDK_CHAIN_ENV, ' ')))
    add('env_mention', 'the text talks about credentials in environment variables');
  if (!(envKey && profileSet) && PROFILE_MENTION.test(norm.flat)) {
    add('profile_mention', 'a named profile is in play');
  }
  const unintended = UNINTENDED_IDENTITY.exec(norm.flat);
  if (unintended) {
    add(
      'unintended_identity',
      `the text says "${clip(sentenceAround(norm.flat, unintended.index, unintended[0].length), 140)}"`,
    );
  }

  if (ctx.tokenFamily) {
    const listedKey = vars.get('AWS_ACCESS_KEY_ID');
    const placeholder =
      listedKey !== undefined && PLACEHOLDER_KEY_VALUE.test(listedKey)
        ? listedKey
        : PLACEHOLDER_KEY_INLINE.exec(norm.flat)?.[1];
    const emulator = placeholder === undefined ? EMULATOR.exec(norm.flat) : null;
    if (placeholder !== undefined) {
      add('emulator_credentials', `the access key id is the placeholder "${placeholder}"`);
    } else if (emulator) {
      add(
        'emulator_credentials',
        /0{12}/.test(emulator[0])
          ? 'the text names account 000000000000, the account LocalStack and moto answer with'
          : `the text shows a local AWS emulator ("${clip(emulator[0].trim(), 40)}")`,
      );
    }
  }

  // Identity and accounts.
  const identity = tools.callerIdentity;
  const verified = CREDENTIALS_VERIFIED.some((re) => re.test(norm.flat));
  if (identity?.arn || verified) {
    add(
      'credentials_verified',
      identity?.arn
        ? `the output of aws sts get-caller-identity shows ${identity.arn}`
        : 'the text says the credentials were accepted (caller identity fetched)',
    );
  }
  const identityAccount =
    identity?.account ??
    (facts.principal && isAccountId(facts.principal.account) ? facts.principal.account : undefined);
  const mentioned = facts.accounts.filter((a) => a.kind === 'mention' && a.account !== identityAccount);
  // A prose account next to the principal's is only an expectation when the identity was checked (get-caller-identity)
  // or the text says the identity is not the intended one; "the member account X was suspended" is not one.
  if (identityAccount && mentioned[0] && (identity?.account !== undefined || unintended !== null)) {
    add(
      'identity_account_mismatch',
      `the identity in use is in account ${identityAccount}, the text expects ${mentioned[0].account} (${clip(mentioned[0].source, 60)})`,
    );
  }
  const keyAccount = entities.keyAccountId;
  const otherAccount = keyAccount ? otherCallerAccounts(facts, keyAccount)[0] : undefined;
  if (keyAccount && otherAccount) {
    add(
      'key_account_mismatch',
      `access key ${keyId} belongs to account ${keyAccount} (decoded from the key id), the text names ${otherAccount.account}`,
    );
  }
}
