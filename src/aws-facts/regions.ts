/**
 * AWS regions (aws-facts section 4): which codes are real regions, their partition, which are opt-in (launched after
 * 2019-03-20, disabled until an account enables them; v1 global-STS session tokens do not work there), and where the
 * `bedrock` service is offered (botocore endpoints.json, 2026-08-07). Partitions of the non-commercial regions are
 * those of the SDK's partition table. Offline facts only: the region check confirms them live.
 */
import { type Partition, partitionFromRegionPrefix } from './partitions.js';

export interface RegionInfo {
  code: string;
  name: string;
  partition: Partition;
  /** Launched after 2019-03-20: disabled until the account enables it. */
  optIn: boolean;
  /** The `bedrock` service is listed for this region. */
  bedrock: boolean;
}

/** Commercial regions (34) with their names. */
const COMMERCIAL: Readonly<Record<string, string>> = {
  'us-east-1': 'N. Virginia',
  'us-east-2': 'Ohio',
  'us-west-1': 'N. California',
  'us-west-2': 'Oregon',
  'ca-central-1': 'Canada Central',
  'ca-west-1': 'Calgary',
  'mx-central-1': 'Mexico Central',
  'sa-east-1': 'Sao Paulo',
  'eu-central-1': 'Frankfurt',
  'eu-central-2': 'Zurich',
  'eu-north-1': 'Stockholm',
  'eu-south-1': 'Milan',
  'eu-south-2': 'Spain',
  'eu-west-1': 'Ireland',
  'eu-west-2': 'London',
  'eu-west-3': 'Paris',
  'af-south-1': 'Cape Town',
  'ap-east-1': 'Hong Kong',
  'ap-east-2': 'Taipei',
  'ap-northeast-1': 'Tokyo',
  'ap-northeast-2': 'Seoul',
  'ap-northeast-3': 'Osaka',
  'ap-south-1': 'Mumbai',
  'ap-south-2': 'Hyderabad',
  'ap-southeast-1': 'Singapore',
  'ap-southeast-2': 'Sydney',
  'ap-southeast-3': 'Jakarta',
  'ap-southeast-4': 'Melbourne',
  'ap-southeast-5': 'Malaysia',
  'ap-southeast-6': 'New Zealand',
  'ap-southeast-7': 'Thailand',
  'il-central-1': 'Tel Aviv',
  'me-central-1': 'UAE',
  'me-south-1': 'Bahrain',
};

/** Regions of the other partitions. us-isob-* is aws-iso-b and us-isof-* aws-iso-f, not aws-iso. */
const OTHER_PARTITIONS: Readonly<Record<string, { name: string; bedrock: boolean }>> = {
  'us-gov-east-1': { name: 'GovCloud (US-East)', bedrock: true },
  'us-gov-west-1': { name: 'GovCloud (US-West)', bedrock: true },
  'cn-north-1': { name: 'Beijing', bedrock: false },
  'cn-northwest-1': { name: 'Ningxia', bedrock: false },
  'us-iso-east-1': { name: 'US ISO East', bedrock: true },
  'us-iso-west-1': { name: 'US ISO West', bedrock: false },
  'us-isob-east-1': { name: 'US ISOB East', bedrock: true },
  'us-isof-east-1': { name: 'US ISOF East', bedrock: true },
  'us-isof-south-1': { name: 'US ISOF South', bedrock: true },
  'eusc-de-east-1': { name: 'EU Sovereign (Brandenburg)', bedrock: true },
};

/** Regions launched after 2019-03-20: disabled until an account opts in (aws-facts 4.1). */
const OPT_IN: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

/** Commercial regions without the `bedrock` service in endpoints.json (2026-08). */
const COMMERCIAL_WITHOUT_BEDROCK: ReadonlySet<string> = new Set(['ap-east-1']);

const TABLE: ReadonlyMap<string, RegionInfo> = new Map([
  ...Object.entries(COMMERCIAL).map(([code, name]): [string, RegionInfo] => [
    code,
    { code, name, partition: 'aws', optIn: OPT_IN.has(code), bedrock: !COMMERCIAL_WITHOUT_BEDROCK.has(code) },
  ]),
  ...Object.entries(OTHER_PARTITIONS).map(([code, r]): [string, RegionInfo] => [
    code,
    { code, name: r.name, partition: partitionFromRegionPrefix(code), optIn: false, bedrock: r.bedrock },
  ]),
]);

/**
 * A region code in text: a partition or geography prefix, a compass direction, one digit. As a regular expression
 * source without anchors or lookarounds, for patterns that scan text (`.REGION.amazonaws.com`, `region=REGION`).
 */
export const REGION_CODE_PATTERN =
  '(?:us-gov|us-iso[bf]?|eusc-de|af|ap|ca|cn|eu|il|me|mx|sa|us)-(?:central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9]';

/**
 * A region-shaped word in text. Not preceded by a letter, digit or hyphen and not followed by a letter or digit, so
 * an availability zone (`us-east-1a`) or a longer token is not a region.
 */
export const REGION_WORD = new RegExp(`(?<![A-Za-z0-9-])(${REGION_CODE_PATTERN})(?![A-Za-z0-9])`, 'g');

const REGION_CODE = new RegExp(`^${REGION_CODE_PATTERN}$`);

/** Written like a region code (prefix, direction, digit); it may still be no region (`us-east-7`). */
export function isRegionCode(value: string): boolean {
  return REGION_CODE.test(value);
}

/**
 * Loosely region-shaped (`us-middle-1`, `mars-north-1`): what a person meant as a region code, so a message can say
 * "not a region this tool knows" rather than "not a region code".
 */
export function looksLikeRegionCode(value: string): boolean {
  return /^[a-z]{2,4}(?:-[a-z]+){1,2}-\d{1,2}$/.test(value);
}

/** An availability zone (`us-east-1a`): the region code plus a letter. */
export function availabilityZoneRegion(value: string): string | undefined {
  return /^[a-z]{2,4}(?:-[a-z]+){1,2}-\d[a-z]$/.test(value) ? value.slice(0, -1) : undefined;
}

export function regionInfo(code: string): RegionInfo | undefined {
  return TABLE.get(code);
}

/** A real AWS region this tool knows (exact, lower-case code). The one test every surface applies. */
export function isKnownRegion(code: string): boolean {
  return TABLE.has(code);
}

export function isOptInRegion(code: string): boolean {
  return TABLE.get(code)?.optIn === true;
}

/** The `bedrock` service is offered in this region. */
export function bedrockOffered(code: string): boolean {
  return TABLE.get(code)?.bedrock === true;
}

export function knownRegionCodes(): string[] {
  return [...TABLE.keys()];
}

/** The partition a region code belongs to (the table's, else from its prefix). */
export function partitionOfRegion(code: string): Partition {
  return TABLE.get(code)?.partition ?? partitionFromRegionPrefix(code);
}

/** Bedrock regions of the same partition, nearest first (same geography prefix), for "use X instead" advice. */
export function bedrockRegionsNear(code: string, limit = 3): string[] {
  const partition = partitionOfRegion(code);
  const geo = code.split('-')[0] ?? '';
  const candidates = [...TABLE.values()].filter((r) => r.bedrock && r.partition === partition && r.code !== code);
  const sameGeo = candidates.filter((r) => r.code.startsWith(`${geo}-`) && !r.optIn);
  const rest = candidates.filter((r) => !sameGeo.includes(r) && !r.optIn);
  return [...sameGeo, ...rest].slice(0, limit).map((r) => r.code);
}
