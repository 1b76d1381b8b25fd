/**
 * AWS partitions: the hard boundaries of IAM. A key, a role or an ARN of one partition means nothing in another.
 * Source: the SDK's partition table (@aws-sdk/core util-endpoints partitions.json, the `regionRegex` of each).
 */

export type Partition =
  | 'aws'
  | 'aws-cn'
  | 'aws-us-gov'
  | 'aws-iso'
  | 'aws-iso-b'
  | 'aws-iso-e'
  | 'aws-iso-f'
  | 'aws-eusc';

/** Region code prefixes of each partition, the more specific first (`us-gov-` before `us-`). */
const PARTITION_PREFIXES: readonly (readonly [prefix: string, partition: Partition])[] = [
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
  ['cn-', 'aws-cn'],
];

/** The partition a region code belongs to, from its prefix (also for regions the region table does not list yet). */
export function partitionFromRegionPrefix(code: string): Partition {
  for (const [prefix, partition] of PARTITION_PREFIXES) if (code.startsWith(prefix)) return partition;
  return 'aws';
}

/** The partition field of an ARN (`arn:PARTITION:...`), as a regular expression source. */
export const ARN_PARTITION_PATTERN = 'aws(?:-cn|-us-gov|-iso(?:-[a-z])?|-eusc)?';

const PARTITION_NAME = new RegExp(`^${ARN_PARTITION_PATTERN}$`);

export function isPartition(value: string): value is Partition {
  return PARTITION_NAME.test(value);
}
