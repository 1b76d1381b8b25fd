/**
 * key_owner (manual step 1): sts:GetAccessKeyInfo, with the bot's own credentials, says which account owns the key.
 * A key of another account settles the matter: the report says who owns it and stops guessing.
 */
import { maskKeyId } from '../../aws-facts/access-key-ids.js';
import { cause } from '../causes.js';
import { AwsCallError, type CheckDefinition, type CheckOutcome } from '../check.js';

export const keyOwnerCheck: CheckDefinition = {
  id: 'key_owner',
  title: 'Key owner',
  async run(ctx) {
    const { key, accountId } = ctx.input;
    if (!key) {
      return { status: 'skip', summary: 'No access key id given: add --key AKIA... to check which account owns it' };
    }
    const evidence = {
      'access key id': key.id,
      'decoded from the key id': key.decodedAccountId ?? 'not decodable (older key id format)',
    };
    let owner: string;
    try {
      owner = await ctx.keyOwner();
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      if (error.info.kind === 'not_found' || error.info.kind === 'validation') {
        return {
          status: 'fail',
          summary: `AWS does not know the key id ${key.id} (${error.info.name}): it was mistyped or deleted long ago`,
          evidence: { ...evidence, error: error.message },
          causes: [
            cause('key_not_found', 0.8, `sts:GetAccessKeyInfo answered ${error.info.name} for ${key.id}`, [
              'Check the key id for a typo against the one the application uses (aws configure list)',
              'Create a new access key if the old one was deleted',
            ]),
          ],
          headline: `AWS does not know key ${maskKeyId(key.id)}: it was mistyped or deleted`,
        };
      }
      // Refused, or (throttled, unreachable, not implemented by an emulator) while the key id itself says that
      // another account owns it: the report keeps that decisive fact instead of a bare error.
      const decoded = key.decodedAccountId;
      if (decoded && (error.info.kind === 'access_denied' || decoded !== accountId)) {
        return decodedOnly(key.id, decoded, accountId, evidence, error);
      }
      throw error;
    }
    const withOwner = { ...evidence, 'owning account': owner, 'account diagnosed': accountId };
    if (owner === accountId) {
      return {
        status: 'pass',
        summary: `Key ${maskKeyId(key.id)} belongs to account ${owner}, the account diagnosed`,
        evidence: withOwner,
      };
    }
    return otherAccount(key.id, owner, accountId, withOwner, 0.95, 'sts:GetAccessKeyInfo');
  },
};

function otherAccount(
  keyId: string,
  owner: string,
  accountId: string,
  evidence: Record<string, string>,
  confidence: number,
  source: string,
): CheckOutcome {
  const masked = maskKeyId(keyId);
  return {
    status: 'fail',
    summary: `Key ${masked} belongs to account ${owner}, not ${accountId} (${source})`,
    evidence,
    fix: [
      `Diagnose the account that owns the key: bedrock-403 diagnose --account ${owner} --key ${keyId}`,
      `Or give the application a key of account ${accountId}: a key only works with the account it belongs to`,
    ],
    causes: [
      cause(
        'key_not_found',
        confidence,
        `${source} says key ${masked} belongs to account ${owner}; it was used against account ${accountId}, where it does not exist`,
        [
          `Use a key of account ${accountId}, or call Bedrock in account ${owner}`,
          `Diagnose account ${owner}: bedrock-403 diagnose --account ${owner} --key ${keyId}`,
        ],
        'Key belongs to another account',
      ),
    ],
    headline: `Key ${masked} belongs to account ${owner}, not ${accountId}: diagnose account ${owner} or use a key of ${accountId}`,
    conclusive: true,
  };
}

function decodedOnly(
  keyId: string,
  decoded: string,
  accountId: string,
  evidence: Record<string, string>,
  error: AwsCallError,
): CheckOutcome {
  const refused = error.info.kind === 'access_denied';
  const note = refused
    ? `the bot may not call sts:GetAccessKeyInfo (${error.info.name}); owner decoded from the key id instead`
    : `sts:GetAccessKeyInfo failed (${error.info.name}); owner decoded from the key id instead`;
  const fix = [
    refused
      ? 'Allow sts:GetAccessKeyInfo to the bot (infra/bot-runtime-role.yaml) so that AWS confirms the owner'
      : 'Re-run the diagnosis once sts:GetAccessKeyInfo answers, so that AWS confirms the owner',
  ];
  if (decoded !== accountId) {
    const outcome = otherAccount(keyId, decoded, accountId, { ...evidence, note }, 0.8, 'the key id (decoded offline)');
    return { ...outcome, fix: [...(outcome.fix ?? []), ...fix] };
  }
  return {
    status: 'warn',
    summary: `Key ${maskKeyId(keyId)} decodes to account ${decoded}, the account diagnosed; not confirmed by AWS: ${note}`,
    evidence: { ...evidence, note },
    fix,
  };
}
