/**
 * What this tool knows about AWS regions (aws-facts section 4): partitions, opt-in regions, and where Bedrock is
 * offered. Offline facts only; the region check confirms them live with ListFoundationModels.
 */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-f' | 'aws-eusc';

/** Commercial regions (34) with their names. */
const COMMERCIAL: Record<string, string> = {
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

const OTHER_PARTITIONS: Record<string, { partition: Partition; name: string; bedrock: boolean }> = {
  'us-gov-east-1': { partition: 'aws-us-gov', name: 'GovCloud (US-East)', bedrock: true },
  'us-gov-west-1': { partition: 'aws-us-gov', name: 'GovCloud (US-West)', bedrock: true },
  'cn-north-1': { partition: 'aws-cn', name: 'Beijing', bedrock: false },
  'cn-northwest-1': { partition: 'aws-cn', name: 'Ningxia', bedrock: false },
  'us-iso-east-1': { partition: 'aws-iso', name: 'US ISO East', bedrock: true },
  'us-iso-west-1': { partition: 'aws-iso', name: 'US ISO West', bedrock: false },
  'us-isob-east-1': { partition: 'aws-iso-b', name: 'US ISOB East', bedrock: true },
  'us-isof-east-1': { partition: 'aws-iso-f', name: 'US ISOF East', bedrock: true },
  'us-isof-south-1': { partition: 'aws-iso-f', name: 'US ISOF South', bedrock: true },
  'eusc-de-east-1': { partition: 'aws-eusc', name: 'EU Sovereign (Brandenburg)', bedrock: true },
};

/** Regions launched after 2019-03-20: disabled until an account opts in (aws-facts 4.1). */
const OPT_IN = new Set([
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
const COMMERCIAL_WITHOUT_BEDROCK = new Set(['ap-east-1']);

export const REGION_SHAPE = /^[a-z]{2,4}(?:-[a-z]+){1,2}-\d{1,2}$/;

export interface RegionInfo {
  code: string;
  name: string;
  partition: Partition;
  optIn: boolean;
  bedrock: boolean;
}

export function regionInfo(code: string): RegionInfo | undefined {
  const commercial = COMMERCIAL[code];
  if (commercial !== undefined) {
    return {
      code,
      name: commercial,
      partition: 'aws',
      optIn: OPT_IN.has(code),
      bedrock: !COMMERCIAL_WITHOUT_BEDROCK.has(code),
    };
  }
  const other = OTHER_PARTITIONS[code];
  if (other !== undefined)
    return { code, name: other.name, partition: other.partition, optIn: false, bedrock: other.bedrock };
  return undefined;
}

export function knownRegionCodes(): string[] {
  return [...Object.keys(COMMERCIAL), ...Object.keys(OTHER_PARTITIONS)];
}

/** The partition a region code belongs to, from its prefix (also for regions this table does not list yet). */
export function partitionOfRegion(code: string): Partition {
  const info = regionInfo(code);
  if (info) return info.partition;
  if (code.startsWith('cn-')) return 'aws-cn';
  if (code.startsWith('us-gov-')) return 'aws-us-gov';
  if (code.startsWith('us-isob-')) return 'aws-iso-b';
  if (code.startsWith('us-isof-')) return 'aws-iso-f';
  if (code.startsWith('us-iso-')) return 'aws-iso';
  if (code.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** Bedrock regions of the same partition, nearest first (same geography prefix), for "use X instead" advice. */
export function bedrockRegionsNear(code: string, limit = 3): string[] {
  const partition = partitionOfRegion(code);
  const geo = code.split('-')[0] ?? '';
  const candidates = knownRegionCodes()
    .map((c) => regionInfo(c))
    .filter((r): r is RegionInfo => r?.bedrock === true && r.partition === partition && r.code !== code);
  const sameGeo = candidates.filter((r) => r.code.startsWith(`${geo}-`) && !r.optIn);
  const rest = candidates.filter((r) => !sameGeo.includes(r) && !r.optIn);
  return [...sameGeo, ...rest].slice(0, limit).map((r) => r.code);
}

/** Geography prefixes of system-defined cross-region inference profile ids (`us.`, `eu.`, `apac.`, `global.`...). */
export const INFERENCE_PROFILE_GEO_PREFIXES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'] as const;

/** The geography prefix a cross-region profile for this source region would carry. */
export function geoPrefixForRegion(code: string): string | undefined {
  if (code.startsWith('us-gov-')) return 'us-gov';
  if (code.startsWith('us-') || code.startsWith('ca-')) return 'us';
  if (code.startsWith('eu-')) return 'eu';
  if (code.startsWith('ap-')) return 'apac';
  return undefined;
}
