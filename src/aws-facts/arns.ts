/**
 * ARNs of the principals and Bedrock resources this tool reads and builds: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
 * IAM and STS ARNs have no region; foundation-model ARNs have no account.
 */
import { ACCOUNT_ID_PATTERN } from './account-ids.js';
import { ARN_PARTITION_PATTERN } from './partitions.js';

const P = ARN_PARTITION_PATTERN;
const A = ACCOUNT_ID_PATTERN;
/** IAM names: users and roles 1-128 characters of [\w+=,.@-]; paths are /seg/seg/. */
const NAME = '[\\w+=,.@-]{1,128}';

/** arn:P:iam::ACCOUNT:user|role/PATH/NAME: groups 1 partition, 2 account, 3 kind, 4 path, 5 name. */
export const IAM_USER_OR_ROLE_ARN = new RegExp(
  `^arn:(${P}):iam::(${A}):(user|role)(\\/(?:[\\w+=,.@-]+\\/)*)(${NAME})$`,
);
/** arn:P:iam::ACCOUNT:root: groups 1 partition, 2 account. */
export const ROOT_ARN = new RegExp(`^arn:(${P}):iam::(${A}):root$`);
/** arn:P:sts::ACCOUNT:assumed-role/ROLE/SESSION or federated-user/NAME: 1 partition, 2 account, 3 kind, 4 name, 5 session. */
export const STS_PRINCIPAL_ARN = new RegExp(
  `^arn:(${P}):sts::(${A}):(assumed-role|federated-user)\\/(${NAME})(?:\\/([\\w+=,.@-]{1,64}))?$`,
);
/** A group ARN: people paste one as a principal, which it is not. */
export const IAM_GROUP_ARN = new RegExp(`^arn:${P}:iam::${A}:group\\/`);

/** arn:P:bedrock:REGION:[ACCOUNT]:TYPE/ID: groups 1 partition, 2 region, 3 account, 4 type, 5 id. */
export const BEDROCK_ARN = new RegExp(`^arn:(${P}):bedrock:([a-z0-9-]*):(${A})?:([a-z-]+)\\/(.+)$`);

/** An IAM user name: 1-64 characters of [\w+=,.@-]. */
export const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

/** The user name of an IAM user ARN (`arn:aws:iam::1:user/path/alice` -> `alice`); names here are 1-64 characters. */
export function iamUserNameFromArn(arn: string): string | undefined {
  const m = new RegExp(`^arn:${P}:iam::${A}:user\\/(?:[\\w+=,.@/-]*\\/)?([\\w+=,.@-]{1,64})$`).exec(arn);
  return m?.[1];
}

/** A role ARN without a path (`arn:aws:iam::123456789012:role/Name`): what can be assumed by account and name. */
export function parseRoleArnWithoutPath(
  arn: string,
): { partition: string; accountId: string; roleName: string } | undefined {
  const m = IAM_USER_OR_ROLE_ARN.exec(arn);
  const [, partition = 'aws', accountId = '', kind, path, roleName = ''] = m ?? [];
  if (kind !== 'role' || path !== '/' || roleName.length > 64) return undefined;
  return { partition, accountId, roleName };
}

export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

export function foundationModelArn(partition: string, region: string, modelId: string): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

export function inferenceProfileArn(partition: string, region: string, accountId: string, profileId: string): string {
  return `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${profileId}`;
}

/** Region and model id of a foundation-model ARN (as listed in an inference profile's `models`). */
export function parseFoundationModelArn(arn: string): { region: string; modelId: string } | undefined {
  const m = new RegExp(`^arn:${P}:bedrock:([a-z0-9-]*)::foundation-model\\/(.+)$`).exec(arn);
  if (!m) return undefined;
  return { region: m[1] ?? '', modelId: m[2] ?? '' };
}
