/**
 * credential_type (manual steps 3 and 5): what the key prefix says about how it must be sent (AKIA without a
 * session token, ASIA only with its own token and until its session expires) and whether a long-term key is overdue
 * for rotation (over 90 days).
 */
import { maskKeyId } from '../../aws-facts/access-key-ids.js';
import type { Cause } from '../../report.js';
import { cause } from '../causes.js';
import type { CheckDefinition } from '../check.js';
import { resolveKeyRecord } from '../key-record.js';
import { describeAge } from './key_status.js';

export const ROTATION_AGE_DAYS = 90;

export const credentialTypeCheck: CheckDefinition = {
  id: 'credential_type',
  title: 'Credential type',
  async run(ctx) {
    const { key, regionInfo } = ctx.input;
    if (!key) return { status: 'skip', summary: 'No access key id given: the credential type comes from its prefix' };
    const masked = maskKeyId(key.id);

    if (key.type === 'temporary') {
      const tokenFix = [
        'Send the session token issued with this key (AWS_SESSION_TOKEN / aws_session_token): ASIA keys without it are refused',
        'Get fresh credentials (aws sso login, re-assume the role, or let the SDK provider refresh them) and do not cache ' +
          'them for the life of the process',
        'Check with these exact credentials: aws sts get-caller-identity answers ExpiredToken once the session is over',
      ];
      const causes: Cause[] = [
        cause(
          'temp_credentials_expired',
          0.45,
          `${masked} is a temporary STS key: it stops working when its session expires (15 min to 12 h)`,
          tokenFix.slice(1),
        ),
        cause(
          'session_token_mismatch',
          0.35,
          `${masked} is a temporary key: it is refused when sent without its own session token, or with another one`,
          tokenFix.slice(0, 1),
        ),
      ];
      if (regionInfo.optIn) {
        causes.push(
          cause(
            'opt_in_region_token',
            0.3,
            `${regionInfo.code} is an opt-in region: session tokens from the global STS endpoint (v1) are refused there`,
            [
              'Get the credentials from a Regional STS endpoint (sts.<region>.amazonaws.com)',
              'Or make global tokens v2: aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token',
            ],
          ),
        );
      }
      return {
        status: 'warn',
        summary: `${masked} is a temporary (ASIA) STS key: it works only with its own session token and until its session expires`,
        evidence: {
          prefix: 'ASIA (temporary STS credentials)',
          'must be sent': 'with its own session token',
          'opt-in region': regionInfo.optIn,
        },
        fix: tokenFix,
        causes,
        refutes: ['key_inactive', 'key_not_propagated'],
        headline: `${masked} is a temporary key: most likely its session expired or it was sent without its session token`,
      };
    }

    let ageMs: number | undefined;
    try {
      const record = await resolveKeyRecord(ctx);
      if (record.state === 'found' && record.createDate) ageMs = Math.max(0, ctx.now() - record.createDate.getTime());
    } catch {
      // The age is a detail: without IAM (no role, other account) the prefix alone still answers.
    }
    const evidence = {
      prefix: 'AKIA (long-term IAM user key)',
      'must be sent': 'with its secret and NO session token',
      age: ageMs === undefined ? 'unknown (see Key status)' : describeAge(ageMs),
    };
    const days = ageMs === undefined ? undefined : Math.floor(ageMs / 86_400_000);
    if (days !== undefined && days > ROTATION_AGE_DAYS) {
      return {
        status: 'warn',
        summary: `${masked} is a long-term key ${days} days old (over ${ROTATION_AGE_DAYS}): rotate it`,
        evidence,
        fix: [
          'Rotate it: create a second key, move the application to it, deactivate then delete the old one ' +
            '(or ask the bot for a rotation)',
        ],
      };
    }
    return {
      status: 'pass',
      summary:
        `${masked} is a long-term (AKIA) key${days === undefined ? '' : `, ${days} days old`}: it must be sent ` +
        'without a session token (a stale AWS_SESSION_TOKEN next to it is refused as invalid)',
      evidence,
    };
  },
};
