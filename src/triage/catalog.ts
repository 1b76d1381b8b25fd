/**
 * What triage says about each cause: a title, the fix steps (with the entities of this text filled in and the
 * variant the signals point to), the client-side commands that check it, and what tells it apart from the causes
 * that share its error message.
 */
import { geoPrefixForRegion, hasGeoPrefix } from '../aws-facts/models.js';
import type { CauseId, Entities } from '../report.js';
import { type ParsedArn, roleArnForPrincipal, roleNameOf } from './arns.js';
import type { FamilyId } from './base-rates.js';
import type { ContextSignalId } from './rules.js';
import type { SessionTokenFacts, SkewFacts } from './signals/index.js';

export interface CatalogContext {
  entities: Entities;
  principal?: ParsedArn;
  families: ReadonlySet<FamilyId>;
  contexts: ReadonlySet<ContextSignalId>;
  token: SessionTokenFacts;
  skew?: SkewFacts;
  profile?: string;
  unknownRegion?: string;
  /** The Bedrock resource ARN the error names (the denied model or inference profile), when there is one. */
  resourceArn?: string;
  /** Policy type named in an explicit deny ("service control policy", ...). */
  denyPolicy?: string;
  /** Who sent an error that did not come from AWS (another provider, a proxy). */
  senders?: readonly string[];
}

export interface CauseEntry {
  title: string;
  fix(ctx: CatalogContext): string[];
  commands(ctx: CatalogContext): string[];
  /** What, when checked, confirms this cause rather than its look-alikes. */
  tellsApart: string;
}

const keyOf = (ctx: CatalogContext) => ctx.entities.accessKeyId ?? '"$AWS_ACCESS_KEY_ID"';
const regionOf = (ctx: CatalogContext) => ctx.entities.region ?? '<region>';
const modelOf = (ctx: CatalogContext) => ctx.entities.modelId ?? '<model-id>';
const profileFlag = (ctx: CatalogContext) => (ctx.profile ? ` --profile ${ctx.profile}` : '');
/** Who am I, in the profile the failing process uses when the text names one. */
const whoAmI = (ctx: CatalogContext) => `aws sts get-caller-identity${profileFlag(ctx)}`;
const configureList = (ctx: CatalogContext) => `aws configure list${profileFlag(ctx)}`;

function userName(ctx: CatalogContext): string | undefined {
  const p = ctx.principal;
  if (p?.resourceType !== 'user') return undefined;
  return p.resource.split('/').pop();
}

const listKeys = (ctx: CatalogContext) => {
  const user = userName(ctx);
  return `aws iam list-access-keys${user ? ` --user-name ${user}` : ''}`;
};

function humanDuration(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  const secs = abs % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return secs > 0 ? `${minutes} min ${secs} s` : `${minutes} min`;
}

export function describeSkew(skew: SkewFacts): string {
  const direction = skew.seconds >= 0 ? 'before' : 'after';
  return `the request was signed at ${skew.signedAt}, ${humanDuration(skew.seconds)} ${direction} AWS's time ${skew.awsTime}`;
}

function resourceArn(ctx: CatalogContext): string {
  if (ctx.resourceArn) return ctx.resourceArn;
  const model = ctx.entities.modelId;
  if (!model) return '<model-arn>';
  if (model.startsWith('arn:')) return model;
  const region = ctx.entities.region ?? '*';
  if (hasGeoPrefix(model)) {
    return `arn:aws:bedrock:${region}:${ctx.entities.accountId ?? '<account>'}:inference-profile/${model}`;
  }
  return `arn:aws:bedrock:${region}::foundation-model/${model}`;
}

/** Policy simulation for the principal; a role is looked up by name so its path (aws-reserved/...) is right. */
function simulate(ctx: CatalogContext): string[] {
  const principal = ctx.principal;
  if (!principal) return [];
  const action = ctx.entities.action?.includes(':') ? ctx.entities.action : 'bedrock:InvokeModel';
  const role = roleNameOf(principal);
  const source = role
    ? `"$(aws iam get-role --role-name ${role} --query Role.Arn --output text)"`
    : roleArnForPrincipal(principal);
  return [
    `aws iam simulate-principal-policy --policy-source-arn ${source} --action-names ${action} --resource-arns ${resourceArn(ctx)}`,
  ];
}

export const CAUSE_CATALOG: Readonly<Record<CauseId, CauseEntry>> = {
  key_not_found: {
    title: 'Access key not recognised by AWS (mistyped, deleted, rotated or from another account/partition)',
    fix: (ctx) => [
      `Check which key the failing process really sends (aws configure list, env | grep ^AWS_) and compare it with the key you meant to use${ctx.entities.accessKeyId ? ` (the text shows ${ctx.entities.accessKeyId})` : ''}.`,
      `Look up the key's owner: aws sts get-access-key-info --access-key-id ${keyOf(ctx)} (it answers even for deleted keys); another account than yours means a wrong key is configured.`,
      ...(ctx.contexts.has('partition_mismatch')
        ? [
            'Keys of the aws-cn and aws-us-gov partitions are unknown in the commercial partition (and vice versa): use a key of the partition you call.',
          ]
        : []),
      'If the key was deleted or rotated, create a new access key for the user (or update the secret your CI or app reads) and redeploy.',
    ],
    commands: (ctx) => [`aws sts get-access-key-info --access-key-id ${keyOf(ctx)}`, listKeys(ctx), configureList(ctx)],
    tellsApart: 'the key is missing from `aws iam list-access-keys` (or get-access-key-info names another account)',
  },
  key_inactive: {
    title: 'Access key deactivated (Status Inactive)',
    fix: (ctx) => [
      `List the user's keys and their status: ${listKeys(ctx)}; an Inactive key is refused everywhere with the same "invalid" message.`,
      `If it was deactivated on purpose (rotation, incident), switch the app to the active key; otherwise re-activate it: aws iam update-access-key --access-key-id ${keyOf(ctx)} --status Active${userName(ctx) ? ` --user-name ${userName(ctx)}` : ''}.`,
    ],
    commands: (ctx) => [listKeys(ctx), `aws iam get-access-key-last-used --access-key-id ${keyOf(ctx)}`],
    tellsApart: '`aws iam list-access-keys` shows the key with Status Inactive',
  },
  session_token_mismatch: {
    title: 'Session token does not belong to the access key',
    fix: (ctx) => {
      const steps: string[] = [];
      if (ctx.contexts.has('long_term_key_with_token') || ctx.contexts.has('ambient_session_runtime')) {
        steps.push(
          "A long-term AKIA key must be sent without a session token: unset AWS_SESSION_TOKEN (and AWS_SECURITY_TOKEN) for this process, or give the client an explicit credential provider / sessionToken: undefined so it stops picking up the runtime's token.",
        );
      }
      if (ctx.contexts.has('temp_key_without_token') || ctx.contexts.has('temp_key')) {
        steps.push(
          `A temporary ASIA key only works with its own session token: pass AWS_SESSION_TOKEN / aws_session_token / sessionToken from the same STS response as ${ctx.entities.accessKeyId ?? 'the key'}.`,
        );
      }
      if (steps.length === 0) {
        steps.push(
          'Make the key and the token come from one source: long-term AKIA keys with no session token at all, or an ASIA key together with its own token (check for a leftover AWS_SESSION_TOKEN in the environment).',
        );
      }
      steps.push(
        'If a third-party client builds the credentials (Anthropic SDK, Vercel AI SDK, LiteLLM, IDE extensions), upgrade it or pass it a credential provider: several versions drop or mix the session token.',
      );
      return steps;
    },
    commands: (ctx) => ['env | grep ^AWS_ | cut -d= -f1', configureList(ctx), whoAmI(ctx)],
    tellsApart: '`env | grep ^AWS_` shows an AWS_SESSION_TOKEN next to an AKIA key, or an ASIA key without its token',
  },
  temp_credentials_expired: {
    title: 'Temporary credentials expired (STS / SSO / assumed role)',
    fix: (ctx) => [
      ctx.families.has('sso_expired') || ctx.families.has('sso_session_invalid')
        ? `Log in again: aws sso login${profileFlag(ctx)}, then retry.`
        : `Get fresh credentials (aws sso login${profileFlag(ctx)}, re-assume the role, or re-export them from your identity portal) and retry.`,
      'In long-running code, do not build a client once from static temporary credentials: use the SDK default provider chain or a refreshing provider so credentials renew before they expire.',
      ...(ctx.entities.operation === 'AssumeRoleWithWebIdentity' || ctx.families.has('web_identity_invalid')
        ? [
            'Check that the platform refreshes the web-identity token file (AWS_WEB_IDENTITY_TOKEN_FILE) and that the role trusts that provider and audience.',
          ]
        : []),
    ],
    commands: (ctx) => [
      ...(ctx.families.has('sso_expired') || ctx.families.has('sso_session_invalid')
        ? [`aws sso login${profileFlag(ctx)}`]
        : []),
      whoAmI(ctx),
      configureList(ctx),
      'date -u',
    ],
    tellsApart: 'fresh credentials (aws sso login, a new assume-role) make the same call work',
  },
  secret_key_mismatch: {
    title: 'Signature mismatch: wrong secret access key or request changed after signing',
    fix: (ctx) => [
      ...(ctx.contexts.has('signed_extra_headers')
        ? [
            'The request was changed between signing and sending: do not forward client headers (x-forwarded-*, x-real-ip, connection) into the signed request, and sign the path exactly as it is sent (a model id with ":" must be URL-encoded once in the URL and twice in the canonical path).',
          ]
        : []),
      `Re-copy the secret access key that belongs to ${ctx.entities.accessKeyId ?? 'the key id in use'}: exactly 40 characters, no spaces, quotes or newline; make sure ~/.aws/credentials has a single aws_secret_access_key line per profile.`,
      'If the secret is lost or was mixed up (SES SMTP credentials are not API keys), create a new access key and deactivate the old one.',
    ],
    commands: (ctx) => [
      configureList(ctx),
      `aws configure get aws_secret_access_key${profileFlag(ctx)} | tr -d '\\n' | wc -c`,
      'grep -c aws_secret_access_key ~/.aws/credentials',
    ],
    tellsApart: 'the configured secret is exactly 40 characters and other tools signing with it work',
  },
  clock_skew: {
    title: 'Client clock is off (signature expired / not yet current)',
    fix: (ctx) => [
      ...(ctx.skew
        ? [`${describeSkew(ctx.skew)[0]?.toUpperCase()}${describeSkew(ctx.skew).slice(1)}; AWS allows 5 minutes.`]
        : []),
      'Sync the clock: enable NTP (timedatectl set-ntp true / Windows time sync), run wsl --shutdown after sleep on WSL, restart Docker Desktop after the host slept; then retry.',
      'If the clock is right, the client signs too early (it signs, then queues or retries without re-signing): upgrade it so it signs right before sending.',
    ],
    commands: () => ['date -u', "curl -sI https://sts.amazonaws.com | grep -i '^date:'"],
    tellsApart: '`date -u` on the failing machine differs from real UTC by more than 5 minutes',
  },
  wrong_profile_or_env: {
    title: 'Other credentials than intended are used (environment variables, default or wrong profile)',
    fix: (ctx) => [
      ...(ctx.contexts.has('env_keys_over_profile') || ctx.contexts.has('env_keys')
        ? [
            'Access keys in environment variables beat AWS_PROFILE and every profile: unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN in that process (or remove them from the app or container environment).',
          ]
        : []),
      ...(ctx.families.has('no_credentials') ||
      ctx.families.has('unsigned_request') ||
      ctx.contexts.has('no_credentials_listed')
        ? [
            `Give the process credentials where it looks for them: set AWS_PROFILE${ctx.profile ? `=${ctx.profile}` : ''} in its environment (and run aws sso login for SSO profiles), or attach a role to the runtime.`,
          ]
        : []),
      ...(ctx.contexts.has('bearer_and_sigv4')
        ? [
            'Pick one auth mode: unset AWS_BEARER_TOKEN_BEDROCK when you mean SigV4 keys, or drop the keys when you mean the API key.',
          ]
        : []),
      'Check which identity the failing process resolves: run aws sts get-caller-identity in exactly its environment (same user, container, env vars and profile) and compare with the one you expect.',
      'Pass the profile the way the tool reads it (AWS_PROFILE, credentials_profile_name, --profile), not only in the app settings, and remove stale entries in ~/.aws/credentials.',
    ],
    commands: (ctx) => [
      configureList(ctx),
      'env | grep ^AWS_ | cut -d= -f1',
      whoAmI(ctx),
      'aws configure list-profiles',
    ],
    tellsApart: '`aws configure list` in the failing environment shows keys from env or from another profile',
  },
  region_unsupported: {
    title: 'Wrong region for this call (Bedrock or the model not offered there, or access granted elsewhere)',
    fix: (ctx) => [
      ...(ctx.contexts.has('unknown_region') && ctx.unknownRegion
        ? [`"${ctx.unknownRegion}" is not an AWS region: correct the region setting.`]
        : []),
      ...(ctx.contexts.has('bedrock_not_in_region')
        ? [
            `Amazon Bedrock is not offered in ${regionOf(ctx)}: call a region that offers it (for example us-east-1, us-west-2, eu-central-1).`,
          ]
        : []),
      ...(ctx.families.has('credential_scope_region')
        ? ['Sign the request for the region of the endpoint you call (signing region and endpoint region must match).']
        : []),
      `Check that ${ctx.entities.modelId ?? 'the model'} is offered and access is granted in ${regionOf(ctx)} (aws bedrock list-foundation-models --region ${regionOf(ctx)}); access is granted per model and per region.`,
      'Set the region where the client really reads it (region_name, aws_region_name, AWS_REGION) so the endpoint follows it; some wrappers ignore other spellings.',
    ],
    commands: (ctx) => [
      `aws configure get region${profileFlag(ctx)}`,
      ctx.entities.modelId
        ? `aws bedrock list-foundation-models --region ${regionOf(ctx)} --query "modelSummaries[?modelId=='${modelOf(ctx)}'].modelId"`
        : `aws bedrock list-foundation-models --region ${regionOf(ctx)} --query 'modelSummaries[].modelId'`,
    ],
    tellsApart:
      '`aws bedrock list-foundation-models --region R` does not list the model, or access was granted in another region',
  },
  opt_in_region_token: {
    title: 'Opt-in region: region not enabled, or v1 global-STS session token used there',
    fix: (ctx) => [
      ...(ctx.families.has('region_disabled')
        ? [
            'Activate STS in this region for the account: IAM console > Account settings > Security Token Service (STS) > Endpoints.',
          ]
        : []),
      `Make sure ${regionOf(ctx)} is enabled for the account (Account > AWS Regions, or aws account enable-region --region-name ${regionOf(ctx)}); for cross-account roles it must be enabled in both accounts.`,
      'Use session tokens that are valid in every region: aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token, or get credentials from a regional STS endpoint (AWS_STS_REGIONAL_ENDPOINTS=regional).',
    ],
    commands: (ctx) => [
      `aws account get-region-opt-status --region-name ${regionOf(ctx)}`,
      "aws iam get-account-summary --query 'SummaryMap.GlobalEndpointTokenVersion'",
      `aws sts get-caller-identity --region ${regionOf(ctx)}`,
    ],
    tellsApart: 'the same credentials work in us-east-1 and fail only in the opt-in region',
  },
  missing_iam_permission: {
    title: 'IAM permission missing (implicit deny)',
    fix: (ctx) => {
      // The service could not assume the role it was given: the grant missing is the role's trust, not an action.
      if (ctx.families.has('service_role_not_assumable')) {
        return [
          'Let the service assume the role: its trust policy must allow the service principal (lambda.amazonaws.com for Lambda, states.amazonaws.com for Step Functions) the action sts:AssumeRole, and the role ARN must name a role that exists in this account.',
        ];
      }
      const action = ctx.entities.action?.includes(':') ? ctx.entities.action : 'bedrock:InvokeModel';
      const who = ctx.principal ? roleArnForPrincipal(ctx.principal) : 'the calling user or role';
      const steps = [
        `Allow ${action} on ${resourceArn(ctx)} for ${who}; a permissions boundary or session policy on the principal must allow it too (effective permissions are their intersection).`,
      ];
      if (action.endsWith('InvokeModelWithResponseStream') || /Stream$/.test(ctx.entities.operation ?? '')) {
        steps.push(
          'Streaming calls (ConverseStream, InvokeModelWithResponseStream) are authorised as bedrock:InvokeModelWithResponseStream: allow it next to bedrock:InvokeModel.',
        );
      }
      if (hasGeoPrefix(ctx.entities.modelId ?? '') || ctx.entities.modelId?.includes('inference-profile')) {
        steps.push(
          'An inference profile needs the action on both the inference-profile ARN and the foundation-model ARNs it routes to (arn:aws:bedrock:*::foundation-model/...).',
        );
      }
      if (ctx.families.has('marketplace')) {
        steps.push(
          'Grant aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe to the first caller of a third-party model.',
        );
      }
      return steps;
    },
    commands: (ctx) => [whoAmI(ctx), ...simulate(ctx)],
    tellsApart: '`aws iam simulate-principal-policy` answers implicitDeny for the action',
  },
  explicit_deny: {
    title: 'Explicit deny (SCP, permissions boundary, session, identity or VPC endpoint policy)',
    fix: (ctx) => [
      `Find the Deny statement in the ${ctx.denyPolicy ?? 'policy named in the error'} that matches this action and resource, and exempt this call or principal; an explicit deny beats every allow, so adding permissions will not help.`,
      ...(ctx.contexts.has('cross_region_profile_denied')
        ? [
            'Cross-region inference profiles route to other regions: exempt bedrock:Invoke* from region-deny SCPs and aws:RequestedRegion conditions (or condition on bedrock:InferenceProfileArn), or call a regional/geo profile the policy allows.',
          ]
        : []),
    ],
    commands: (ctx) => [
      whoAmI(ctx),
      ...simulate(ctx),
      ...(ctx.denyPolicy?.includes('service control') && ctx.entities.accountId
        ? [
            `aws organizations list-policies-for-target --target-id ${ctx.entities.accountId} --filter SERVICE_CONTROL_POLICY`,
          ]
        : []),
    ],
    tellsApart: '`aws iam simulate-principal-policy` answers explicitDeny and names the statement',
  },
  model_access_not_granted: {
    title: 'Model access not granted (model access, Marketplace subscription, use-case form, legacy model)',
    fix: (ctx) => [
      ...(ctx.families.has('marketplace')
        ? [
            'Let the first caller subscribe: grant aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe (once per model and account), call again, and allow 2 to 15 minutes.',
          ]
        : []),
      ...(ctx.families.has('use_case_form')
        ? [
            'Submit the Anthropic use-case form (Bedrock console > Model access, or PutUseCaseForModelAccess) and wait about 15 minutes.',
          ]
        : []),
      ...(ctx.families.has('legacy_model')
        ? ['The model is Legacy and access lapsed: move to an active model version.']
        : []),
      `Check model access for ${ctx.entities.modelId ?? 'the model'} in ${regionOf(ctx)} (Bedrock console > Model access); grants are per model and per region.`,
    ],
    commands: (ctx) => [
      ctx.entities.modelId
        ? `aws bedrock get-foundation-model-availability --model-id ${modelOf(ctx)} --region ${regionOf(ctx)}`
        : `aws bedrock list-foundation-models --region ${regionOf(ctx)} --query 'modelSummaries[].modelId'`,
    ],
    tellsApart: 'get-foundation-model-availability shows the model not authorised / not subscribed in that region',
  },
  inference_profile_required: {
    title: 'Model needs an inference profile (on-demand invocation not supported)',
    fix: (ctx) => {
      const model = ctx.entities.modelId;
      const geo = geoPrefixForRegion(ctx.entities.region ?? '') ?? 'us';
      return [
        model && !hasGeoPrefix(model)
          ? `Call it through an inference profile: use ${geo}.${model} (or global.${model} where offered, or the profile ARN) as modelId instead of ${model}.`
          : 'Call the model through an inference profile id (us./eu./apac./global. prefix) or its ARN instead of the bare model id.',
        'Allow the inference-profile ARN and the foundation-model ARNs it routes to in IAM (and in any region-restricting SCP).',
      ];
    },
    commands: (ctx) => [
      ctx.entities.modelId
        ? `aws bedrock list-inference-profiles --region ${regionOf(ctx)} --query "inferenceProfileSummaries[?contains(inferenceProfileId, '${modelOf(ctx)}')].inferenceProfileId"`
        : `aws bedrock list-inference-profiles --region ${regionOf(ctx)} --query 'inferenceProfileSummaries[].inferenceProfileId'`,
    ],
    tellsApart: 'the error names on-demand throughput',
  },
  invalid_model_id: {
    title: 'Model identifier invalid or not found',
    fix: (ctx) => [
      `Use an exact Bedrock model id or inference-profile id${ctx.entities.modelId ? ` (the text shows ${ctx.entities.modelId})` : ''}, not a friendly name like "claude-sonnet" or another provider's id; copy it from list-foundation-models / list-inference-profiles.`,
      `If the id is right, the model may not be offered in ${regionOf(ctx)}, or the client may call another region than you think.`,
    ],
    commands: (ctx) => [
      `aws bedrock list-foundation-models --region ${regionOf(ctx)} --query 'modelSummaries[].modelId'`,
      `aws bedrock list-inference-profiles --region ${regionOf(ctx)} --query 'inferenceProfileSummaries[].inferenceProfileId'`,
    ],
    tellsApart: 'the id is not listed by `aws bedrock list-foundation-models` in any region',
  },
  account_issue: {
    title: 'Account-level block (new, unverified, suspended account or billing)',
    fix: () => [
      'Try the same model in the Bedrock console playground: if it fails there too, the account is blocked, not your code.',
      'Open an AWS Support case (Account and billing) to lift the block; new accounts may need verification or a valid payment method.',
    ],
    commands: (ctx) => [whoAmI(ctx)],
    tellsApart: 'the same call fails in the Bedrock console playground',
  },
  key_not_propagated: {
    title: 'New access key used before IAM propagated it',
    fix: (ctx) => [
      ...(ctx.families.has('service_role_not_assumable') || ctx.families.has('cfn_handler_denied')
        ? [
            'A role created (or whose trust policy changed) moments before is not yet assumable by the service: retry the create with backoff for up to a minute, or make it wait on the role (a short delay after the role in the same deployment).',
          ]
        : []),
      'Wait about 15 seconds after CreateAccessKey before the first call, or retry InvalidClientTokenId / UnrecognizedClientException with backoff for up to a minute.',
      'In rotation scripts, poll aws sts get-caller-identity with the new key until it succeeds before switching over or deleting the old key.',
    ],
    commands: (ctx) => [`sleep 15 && ${whoAmI(ctx)}`],
    tellsApart: 'the same call works when retried 15 seconds later',
  },
  bedrock_api_key: {
    title: 'Bedrock API key (bearer token) invalid, expired, malformed or from another region',
    fix: (ctx) => [
      `Check the API key: long-term keys start with ABSK; short-term keys expire (12 hours at most) and only work in the region where they were generated${ctx.entities.region ? ` (this call goes to ${ctx.entities.region})` : ''}.`,
      'Generate a new key in the region you call (Bedrock console > API keys) and set AWS_BEARER_TOKEN_BEDROCK without quotes, spaces or a newline.',
      'If you meant SigV4 access keys, unset AWS_BEARER_TOKEN_BEDROCK so the client does not send a bearer token.',
    ],
    commands: (ctx) => [
      '[ -n "$AWS_BEARER_TOKEN_BEDROCK" ] && echo "AWS_BEARER_TOKEN_BEDROCK is set" || echo "AWS_BEARER_TOKEN_BEDROCK is not set"',
      `aws configure get region${profileFlag(ctx)}`,
    ],
    tellsApart: 'a key generated in the called region makes the call work',
  },
  unknown: {
    title: 'Cause not identifiable from the text (client bug or non-auth error)',
    fix: (ctx) => [
      ...(ctx.senders && ctx.senders.length > 0
        ? [
            `The error is ${ctx.senders.join(' and ')} refusing the request, not AWS: fix what that service checks (its own key, login or setting), or, if the call was meant for Bedrock, switch the client to Bedrock (for Claude Code CLAUDE_CODE_USE_BEDROCK=1 in the environment it really runs in; for OpenAI-compatible clients the Bedrock base URL and key).`,
          ]
        : []),
      ...(ctx.families.has('unsigned_request')
        ? [
            'Check the URL and method first: API Gateway answers "Missing Authentication Token" for a path or method that does not exist (a stage URL without a route, a typo in the resource path, GET where only POST is deployed), whatever the credentials.',
          ]
        : []),
      'Run the same call with the AWS CLI in the same environment (aws sts get-caller-identity, then the Bedrock call): if the CLI works, the client is at fault; upgrade or downgrade it and report it.',
      "Run the live diagnosis (bedrock-403 diagnose --account <account-id>) to check the account from AWS's side.",
    ],
    commands: (ctx) => [
      ...(ctx.senders && ctx.senders.length > 0
        ? [
            "env | grep -E '^(CLAUDE_CODE_USE_BEDROCK|ANTHROPIC_|OPENAI_|AWS_BEARER_TOKEN_BEDROCK|.*_BASE_URL)' | cut -d= -f1",
          ]
        : []),
      whoAmI(ctx),
      configureList(ctx),
    ],
    tellsApart: 'the AWS CLI with the same credentials works where the client fails',
  },
};
