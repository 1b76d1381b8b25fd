/**
 * api_key (DESIGN section 8): the Bedrock API key of the failing call, read offline by the caller (never the key
 * itself). Long-term keys: the credential record (iam:ListServiceSpecificCredentials for the user the key names:
 * status, created, expiry). Short-term keys: the region they work in and their expiry against the failing call, and
 * the access key that presigned them. Both: the decision for bedrock:CallWithBearerToken plus the Bedrock action
 * for the principal behind the key (simulation with bedrock:BearerTokenType; SCP, boundary and explicit denies named).
 */
import type { ServiceSpecificCredentialMetadata } from '@aws-sdk/client-iam';
import { BEDROCK_CREDENTIAL_SERVICE_NAME, CALL_WITH_BEARER_TOKEN } from '../../aws-facts/bedrock-api-keys.js';
import type { LongTermKeyFacts, ShortTermKeyFacts } from '../../bedrock-api-keys/index.js';
import type { Cause, CauseId, Evidence } from '../../report.js';
import { effectiveStatus, resolveApiKeyRecord } from '../api-key-record.js';
import { BEARER_INVOKE_ACTION, simulateBearerCall } from '../bearer-simulation.js';
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition, type CheckOutcome } from '../check.js';
import type { DiagnosisContext } from '../context.js';
import { describeRow, type SimulationRow } from '../simulation.js';
import { describeAge } from './key_status.js';

/** One thing the check found: a problem (fail), a doubt (warn), with its cause and fix. */
interface Part {
  status: 'fail' | 'warn';
  summary: string;
  cause?: Cause;
  fix?: string[];
}

export const apiKeyCheck: CheckDefinition = {
  id: 'api_key',
  title: 'Bedrock API key',
  async run(ctx) {
    const apiKey = ctx.input.apiKey;
    if (!apiKey) {
      return {
        status: 'skip',
        summary:
          'No Bedrock API key given: add api-key=<key> in Slack (the key counts as leaked) or --api-key-from-env to the CLI',
      };
    }
    if ('undecodable' in apiKey) {
      const kind = apiKey.type === 'long_term' ? 'long-term (ABSK...)' : 'short-term (bedrock-api-key-...)';
      const fix = [
        'Copy the key again in full: no quotes, spaces or line breaks, nothing cut off',
        'Or generate a new key (Bedrock console > API keys) and set AWS_BEARER_TOKEN_BEDROCK to it',
      ];
      return {
        status: 'fail',
        summary: `The ${kind} Bedrock API key does not decode (${apiKey.undecodable}): Bedrock refuses it as malformed`,
        evidence: { 'key type': kind, problem: apiKey.undecodable },
        fix,
        causes: [
          cause(
            'bedrock_api_key',
            0.85,
            `The API key does not decode: ${apiKey.undecodable}; Bedrock answers such keys with "Invalid API Key ` +
              'format" or "Authentication failed: Please make sure your API Key is valid."',
            fix,
            'Bedrock API key malformed',
          ),
        ],
        headline: `The Bedrock API key is malformed (${apiKey.undecodable})`,
      };
    }
    return apiKey.type === 'long_term' ? longTerm(ctx, apiKey) : shortTerm(ctx, apiKey);
  },
};

function otherAccount(ctx: DiagnosisContext, owner: string, kind: string, evidence: Evidence): CheckOutcome {
  const account = ctx.input.accountId;
  const fix = [
    `Diagnose account ${owner} (/bedrock-403 ${owner} ...), or use a key of account ${account}`,
    'Check which key the application really sends (AWS_BEARER_TOKEN_BEDROCK, the client settings)',
  ];
  return {
    status: 'fail',
    summary: `The ${kind} API key belongs to account ${owner}, not ${account}`,
    evidence,
    fix,
    causes: [
      cause(
        'bedrock_api_key',
        0.95,
        `The key decodes to account ${owner}: calls with it are made as a principal of ${owner}, not of ${account}`,
        fix,
        'Bedrock API key of another account',
      ),
    ],
    headline: `The Bedrock API key belongs to account ${owner}, not ${account}`,
    conclusive: true,
  };
}

// ---------------------------------------------------------------------------------------------- long-term keys

async function longTerm(ctx: DiagnosisContext, key: LongTermKeyFacts): Promise<CheckOutcome> {
  const evidence: Evidence = {
    'key type': 'long-term (ABSK...), an IAM service-specific credential',
    user: key.userName,
    'account (decoded)': key.accountId,
    alias: key.alias,
  };
  if (key.accountId !== ctx.input.accountId) return otherAccount(ctx, key.accountId, 'long-term', evidence);
  const parts: Part[] = [];

  const record = await resolveApiKeyRecord(ctx, key);
  let usable = false;
  switch (record.state) {
    case 'user_missing': {
      const fix = [
        'Generate a new key for a user that exists (or let the console make one) and update the application',
        'If the user was deleted after a leak, that was the containment: keep it deleted',
      ];
      parts.push({
        status: 'fail',
        summary: `User ${key.userName} no longer exists in account ${ctx.input.accountId}: its API keys went with it`,
        cause: cause(
          'bedrock_api_key',
          0.9,
          `iam:ListServiceSpecificCredentials answers NoSuchEntity for ${key.userName}: the key's user was deleted, ` +
            'and with it every key it had',
          fix,
          'Bedrock API key deleted (its user is gone)',
        ),
        fix,
      });
      evidence['credential record'] = 'none: the user does not exist';
      break;
    }
    case 'not_found':
    case 'ambiguous': {
      evidence["user's Bedrock API keys"] = describeCredentials(record.others, ctx.now());
      if (record.state === 'ambiguous') {
        parts.push({
          status: 'warn',
          summary:
            `User ${key.userName} has ${record.others.length} Bedrock API keys and IAM shows no alias to tell which ` +
            'one this is',
          fix: [`Compare the keys' creation dates with when this key was made: ${listCommand(key.userName)}`],
        });
        break;
      }
      const fix = [
        `Use a current key of ${key.userName}, or generate a new one, and update the application`,
        `${listCommand(key.userName)} lists the keys the user has now`,
      ];
      parts.push({
        status: 'fail',
        summary: `User ${key.userName} has no Bedrock API key with this key's alias any more: the key was deleted`,
        cause: cause(
          'bedrock_api_key',
          0.9,
          `None of the ${record.others.length} Bedrock API keys of ${key.userName} carries the alias ${key.alias}: ` +
            'the key was deleted (a deleted key is refused as an invalid API key)',
          fix,
          'Bedrock API key deleted',
        ),
        fix,
      });
      break;
    }
    case 'found': {
      const credential = record.credential;
      const status = effectiveStatus(credential, ctx.now());
      evidence['credential id'] = credential.ServiceSpecificCredentialId ?? 'unknown';
      evidence.status = credential.Status ?? 'unknown';
      evidence.created = dateWithAge(credential.CreateDate, ctx.now(), 'ago');
      evidence.expires = credential.ExpirationDate
        ? dateWithAge(
            credential.ExpirationDate,
            ctx.now(),
            credential.ExpirationDate.getTime() > ctx.now() ? 'from now' : 'ago',
          )
        : 'never (no expiry was set)';
      if (record.matchedBy === 'only key') evidence['matched by'] = "the user's only Bedrock key (IAM shows no alias)";
      if (record.others.length > 0)
        evidence["user's other Bedrock API keys"] = describeCredentials(record.others, ctx.now());
      const id = credential.ServiceSpecificCredentialId ?? '<id>';
      if (status === 'Inactive') {
        const fix = [
          'If it was deactivated on purpose (leak, rotation): generate a new key and update the application',
          `Otherwise reactivate it: aws iam update-service-specific-credential --user-name ${key.userName} ` +
            `--service-specific-credential-id ${id} --status Active`,
        ];
        parts.push({
          status: 'fail',
          summary: `The long-term API key of ${key.userName} is Inactive (deactivated)`,
          cause: cause(
            'bedrock_api_key',
            0.95,
            'IAM lists the key as Inactive: it was deactivated, and Bedrock refuses it',
            fix,
            'Bedrock API key deactivated',
          ),
          fix,
        });
      } else if (status === 'Expired') {
        const when = credential.ExpirationDate ? ` on ${credential.ExpirationDate.toISOString()}` : '';
        const fix = [
          `Generate a new key for ${key.userName} (an expired key cannot be renewed) and update the application`,
          `Then delete the expired one: aws iam delete-service-specific-credential --user-name ${key.userName} ` +
            `--service-specific-credential-id ${id}`,
        ];
        parts.push({
          status: 'fail',
          summary: `The long-term API key of ${key.userName} expired${when}`,
          cause: cause(
            'bedrock_api_key',
            0.95,
            `The key's expiry date has passed${when}`,
            fix,
            'Bedrock API key expired',
          ),
          fix,
        });
      } else if (status === 'Active') {
        usable = true;
      } else {
        parts.push({ status: 'warn', summary: `The key has status "${status}", which this tool does not know` });
      }
      break;
    }
  }

  let allowed = false;
  if (record.state !== 'user_missing') {
    const user = await ctx
      .user(key.userName)
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (user instanceof Error) {
      evidence[CALL_WITH_BEARER_TOKEN] = `not simulated: ${user.message}`;
    } else {
      const arn = user.Arn ?? `arn:${ctx.input.partition}:iam::${ctx.input.accountId}:user/${key.userName}`;
      evidence['principal behind the key'] = arn;
      allowed = await decisionParts(ctx, arn, `user ${key.userName}`, 'long_term', parts, evidence);
    }
  }

  const refutes: CauseId[] = usable && allowed ? ['bedrock_api_key'] : [];
  const expiry = evidence.expires === 'never (no expiry was set)' ? '; it never expires' : '';
  return compose(
    parts,
    evidence,
    refutes,
    `The long-term API key of ${key.userName} is Active${expiry}, and ${key.userName} may call ${CALL_WITH_BEARER_TOKEN}`,
    usable && !expiry ? [] : expiryAdvice(key, expiry !== ''),
  );
}

function expiryAdvice(key: LongTermKeyFacts, neverExpires: boolean): string[] {
  return neverExpires
    ? [
        `Long-term keys that never expire are a standing risk: replace it with a key that expires (CredentialAgeDays) or ` +
          `with short-term keys, and delete this one (${listCommand(key.userName)})`,
      ]
    : [];
}

function listCommand(userName: string): string {
  return `aws iam list-service-specific-credentials --user-name ${userName} --service-name ${BEDROCK_CREDENTIAL_SERVICE_NAME}`;
}

function describeCredentials(keys: ServiceSpecificCredentialMetadata[], now: number): string[] | string {
  if (keys.length === 0) return 'none';
  return keys.map(
    (k) =>
      `${k.ServiceSpecificCredentialId ?? 'unknown id'} ${effectiveStatus(k, now)}, created ` +
      `${k.CreateDate?.toISOString().slice(0, 10) ?? 'unknown'}`,
  );
}

function dateWithAge(date: Date | undefined, now: number, direction: 'ago' | 'from now'): string {
  if (!date) return 'unknown';
  return `${date.toISOString()} (${describeAge(Math.abs(now - date.getTime()))} ${direction})`;
}

// --------------------------------------------------------------------------------------------- short-term keys

async function shortTerm(ctx: DiagnosisContext, key: ShortTermKeyFacts): Promise<CheckOutcome> {
  const evidence: Evidence = {
    'key type': 'short-term (bedrock-api-key-...), a presigned URL',
    'presigned with': `${key.accessKeyId} (${key.accessKeyType === 'long_term' ? 'an IAM user key' : 'temporary credentials'})`,
    'account (decoded)': key.accountId ?? 'not decodable from the key id',
    'works in region': key.region,
    signed: key.signedAt,
    expires: `${key.expiresAt} (after ${describeAge(key.expiresInSeconds * 1000)})`,
  };
  if (key.accountId && key.accountId !== ctx.input.accountId) {
    return otherAccount(ctx, key.accountId, 'short-term', evidence);
  }
  const parts: Part[] = [];
  const now = ctx.now();
  const expiresAt = Date.parse(key.expiresAt);

  if (ctx.input.regionSource !== 'api key' && ctx.input.region !== key.region) {
    const fix = [
      `Generate the key in ${ctx.input.region} (switch the console's region first, or pass the region to the token ` +
        'generator)',
      `Or call Bedrock in ${key.region}, the region the key was made for`,
    ];
    parts.push({
      status: 'fail',
      summary: `The short-term API key works only in ${key.region}, but the call goes to ${ctx.input.region}`,
      cause: cause(
        'bedrock_api_key',
        0.9,
        `A short-term key is presigned for one region (${key.region} for this one) and refused in any other, ` +
          `with "Authentication failed: Please make sure your API Key is valid."`,
        fix,
        'Bedrock API key from another region',
      ),
      fix,
    });
  }
  if (now >= expiresAt) {
    const fix = [
      `Generate a new short-term key in ${key.region} (12 hours at most)`,
      "Refresh keys automatically (AWS's token generator libraries) instead of pasting one into the configuration",
    ];
    parts.push({
      status: 'fail',
      summary: `The short-term API key expired at ${key.expiresAt} (${describeAge(now - expiresAt)} ago)`,
      cause: cause(
        'bedrock_api_key',
        0.9,
        `The key was signed ${key.signedAt} for ${describeAge(key.expiresInSeconds * 1000)}: it stopped working at ` +
          key.expiresAt,
        fix,
        'Bedrock API key expired',
      ),
      fix,
    });
  } else {
    evidence['valid for'] =
      `another ${describeAge(expiresAt - now)} at most` +
      (key.accessKeyType === 'temporary' ? ', less if the session that made it ends sooner' : '');
  }

  let allowed = false;
  const principal = await presigningPrincipal(ctx, key, parts, evidence);
  if (principal) {
    evidence['principal behind the key'] = principal.arn;
    allowed = await decisionParts(ctx, principal.arn, principal.label, 'short_term', parts, evidence);
  }
  const fine = parts.every((p) => p.status !== 'fail') && now < expiresAt;
  const refutes: CauseId[] = fine && allowed ? ['bedrock_api_key'] : [];
  return compose(
    parts,
    evidence,
    refutes,
    `The short-term API key is valid in ${key.region} until ${key.expiresAt}` +
      (principal ? `, and ${principal.label} may call ${CALL_WITH_BEARER_TOKEN}` : ''),
    now < expiresAt ? [shortTermContainment(key, principal?.label)] : [],
  );
}

/**
 * What AWS documents for a leaked short-term key (api-keys-revoke.html, api-keys-permissions.html): it cannot be
 * revoked by itself; deny bedrock:CallWithBearerToken to the identity that generated it. Guidance, not a button:
 * writing a policy onto a principal needs iam:Put*Policy, which would let the remediation role grant anything.
 * The deny is narrowed to short-term keys and lapses by itself when the leaked key would have expired.
 */
function shortTermContainment(key: ShortTermKeyFacts, who: string | undefined): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'BlockLeakedShortTermBedrockKey',
        Effect: 'Deny',
        Action: CALL_WITH_BEARER_TOKEN,
        Resource: '*',
        Condition: {
          StringEquals: { 'bedrock:BearerTokenType': 'SHORT_TERM' },
          DateLessThan: { 'aws:CurrentTime': key.expiresAt },
        },
      },
    ],
  };
  return (
    `If this key leaked: it cannot be revoked by itself and works until ${key.expiresAt}. Attach this inline policy ` +
    `to ${who ?? `the principal behind ${key.accessKeyId}`} (it blocks only that principal's short-term API keys and ` +
    `lapses at the key's expiry; delete it afterwards): ${JSON.stringify(policy)}` +
    (key.accessKeyType === 'temporary' ? '. Revoking the role sessions that made it works too, for every session.' : '')
  );
}

/**
 * The principal whose permissions the short-term key carries: for a user key (AKIA) its user, read from IAM; for
 * temporary credentials the principal given, since IAM keeps no record of STS keys.
 */
async function presigningPrincipal(
  ctx: DiagnosisContext,
  key: ShortTermKeyFacts,
  parts: Part[],
  evidence: Evidence,
): Promise<{ arn: string; label: string } | undefined> {
  const given = ctx.input.principal;
  if (key.accessKeyType !== 'long_term') {
    if (given && (given.kind === 'user' || given.kind === 'role' || given.kind === 'assumed-role')) {
      const arn =
        given.kind === 'assumed-role'
          ? `arn:${ctx.input.partition}:iam::${ctx.input.accountId}:role/${given.name}`
          : given.arn;
      return { arn, label: `${given.kind === 'user' ? 'user' : 'role'} ${given.name}` };
    }
    evidence[CALL_WITH_BEARER_TOKEN] =
      `not simulated: ${key.accessKeyId} is a temporary key, whose role IAM cannot tell; give principal=<role ARN>`;
    return undefined;
  }
  let userName: string | undefined;
  try {
    userName = (await ctx.accessKeyUser(key.accessKeyId)).userName;
  } catch (error) {
    if (error instanceof AwsCallError && (error.info.kind === 'not_found' || error.info.kind === 'access_denied')) {
      const fix = [
        'Generate a new short-term key with current credentials',
        'Check that the application does not cache an old key',
      ];
      parts.push({
        status: 'fail',
        summary: `The access key that presigned the API key (${key.accessKeyId}) is not in account ${ctx.input.accountId} any more`,
        cause: cause(
          'bedrock_api_key',
          0.7,
          `IAM does not know ${key.accessKeyId} (${error.info.name}): a presigned key stops working once the ` +
            'access key that signed it is deleted',
          fix,
          'Bedrock API key signed by a deleted access key',
        ),
        fix,
      });
      return undefined;
    }
    throw error;
  }
  if (!userName) return undefined;
  const keys = await ctx.accessKeys(userName).catch(() => undefined);
  const status = keys?.find((k) => k.AccessKeyId === key.accessKeyId)?.Status;
  if (status) evidence['presigning key status'] = status;
  if (status && status !== 'Active') {
    const fix = [
      `Generate a new short-term key with an active key of ${userName}, or reactivate ${key.accessKeyId} if it was ` +
        'deactivated by mistake',
    ];
    parts.push({
      status: 'fail',
      summary: `The access key that presigned the API key (${key.accessKeyId} of ${userName}) is ${status}`,
      cause: cause(
        'bedrock_api_key',
        0.85,
        `${key.accessKeyId} is ${status}: a key presigned with it is refused like the access key itself`,
        fix,
        'Bedrock API key signed by an inactive access key',
      ),
      fix,
    });
  }
  const user = await ctx.user(userName);
  return {
    arn: user.Arn ?? `arn:${ctx.input.partition}:iam::${ctx.input.accountId}:user/${userName}`,
    label: `user ${userName}`,
  };
}

// ----------------------------------------------------------------------------------------------------- decision

/** Simulates the bearer call; adds problems to `parts`, lines to `evidence`; true when CallWithBearerToken is allowed. */
async function decisionParts(
  ctx: DiagnosisContext,
  principalArn: string,
  who: string,
  type: 'long_term' | 'short_term',
  parts: Part[],
  evidence: Evidence,
): Promise<boolean> {
  let decision: Awaited<ReturnType<typeof simulateBearerCall>>;
  try {
    decision = await simulateBearerCall(ctx, principalArn, type);
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    evidence[CALL_WITH_BEARER_TOKEN] = `not simulated: ${error.message}`;
    parts.push({
      status: 'warn',
      summary: `Could not simulate ${CALL_WITH_BEARER_TOKEN} for ${who} (${error.info.name})`,
    });
    return false;
  }
  const tokenType = type === 'long_term' ? 'LONG_TERM' : 'SHORT_TERM';
  if (decision.bearer)
    evidence[`${CALL_WITH_BEARER_TOKEN} (BearerTokenType ${tokenType})`] = describeRow(decision.bearer);
  if (decision.invoke) {
    evidence[`${BEARER_INVOKE_ACTION} on ${decision.resource} (with the API key)`] = describeRow(decision.invoke);
  }
  const bearer = decision.bearer;
  if (bearer) {
    const part = blockedPart(bearer, who, CALL_WITH_BEARER_TOKEN, true);
    if (part) parts.push(part);
  }
  if (decision.invoke) {
    const part = blockedPart(decision.invoke, who, BEARER_INVOKE_ACTION, false);
    if (part) parts.push(part);
  }
  return bearer?.verdict === 'allowed';
}

function blockedPart(row: SimulationRow, who: string, action: string, bearer: boolean): Part | undefined {
  const why = bearer ? ': every call with a Bedrock API key is authorized on it, besides the Bedrock action' : '';
  switch (row.verdict) {
    case 'allowed':
      return undefined;
    case 'unconfirmed':
      return {
        status: 'warn',
        summary: `Could not confirm that ${who} may call ${action}: it depends on ${row.missingContext.join(', ')}`,
      };
    case 'implicit': {
      const fix = [
        `Allow ${action} to ${who}${bearer ? ' (AmazonBedrockLimitedAccess includes it)' : ''}: ` +
          JSON.stringify({ Effect: 'Allow', Action: action, Resource: row.resource }),
      ];
      return {
        status: 'fail',
        summary: `No policy of ${who} allows ${action}${bearer ? ', so every API-key call is refused' : ''}`,
        cause: cause('missing_iam_permission', 0.9, `No policy of ${who} allows ${action} (implicit deny)${why}`, fix),
        fix,
      };
    }
    case 'explicit':
    case 'scp':
    case 'boundary': {
      const by =
        row.verdict === 'scp'
          ? 'a service control policy (SCP) of the organization'
          : row.verdict === 'boundary'
            ? `the permissions boundary of ${who}`
            : `an explicit Deny in the policies of ${who}${row.matched.length > 0 ? ` (${row.matched.join(', ')})` : ''}`;
      const fix =
        row.verdict === 'scp'
          ? [
              `The organization blocks ${action}${bearer ? ' (AWS\'s sample SCP "Deny Bedrock API keys" does exactly this)' : ''}: ` +
                'use SigV4 credentials (a role or SSO) instead of an API key, or ask the organization admins for an exemption',
            ]
          : [`Remove or narrow the Deny on ${action} in ${by}, or use SigV4 credentials instead of an API key`];
      return {
        status: 'fail',
        summary: `${action} is denied to ${who} by ${by}`,
        cause: cause('explicit_deny', 0.9, `The simulation says ${by} denies ${action}${why}`, fix, `${action} denied`),
        fix,
      };
    }
  }
}

function compose(
  parts: Part[],
  evidence: Evidence,
  refutes: CauseId[],
  passSummary: string,
  advice: string[],
): CheckOutcome {
  const fails = parts.filter((p) => p.status === 'fail');
  const warns = parts.filter((p) => p.status === 'warn');
  const fix = [...new Set([...parts.flatMap((p) => p.fix ?? []), ...advice])];
  const causes = parts.flatMap((p) => (p.cause ? [p.cause] : []));
  if (fails.length > 0) {
    const outcome: CheckOutcome = {
      status: 'fail',
      summary: fails.map((p) => p.summary).join('; '),
      evidence,
      fix,
      causes,
      headline: fails[0]?.summary,
    };
    return outcome;
  }
  if (warns.length > 0) {
    return { status: 'warn', summary: warns.map((p) => p.summary).join('; '), evidence, fix, causes, refutes };
  }
  return { status: 'pass', summary: passSummary, evidence, fix, refutes };
}
