/**
 * Region facts triage needs offline (aws-facts.md sections 1.6 and 4.1): which names are real regions, which are
 * opt-in (launched after 2019-03-20, disabled until enabled per account), where Bedrock is offered, and the
 * partition each region belongs to.
 */

export interface RegionFact {
  /** Launched after 2019-03-20: disabled until the account enables it; v1 global STS tokens do not work there. */
  optIn: boolean;
  /** The `bedrock` service is listed for this region (botocore endpoints.json, 2026-08-07). */
  bedrock: boolean;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-eusc';
}

const commercial = (optIn: boolean, bedrock = true): RegionFact => ({ optIn, bedrock, partition: 'aws' });

export const REGIONS: Readonly<Record<string, RegionFact>> = {
  'us-east-1': commercial(false),
  'us-east-2': commercial(false),
  'us-west-1': commercial(false),
  'us-west-2': commercial(false),
  'ca-central-1': commercial(false),
  'ca-west-1': commercial(true),
  'sa-east-1': commercial(false),
  'mx-central-1': commercial(true),
  'eu-central-1': commercial(false),
  'eu-central-2': commercial(true),
  'eu-north-1': commercial(false),
  'eu-west-1': commercial(false),
  'eu-west-2': commercial(false),
  'eu-west-3': commercial(false),
  'eu-south-1': commercial(true),
  'eu-south-2': commercial(true),
  'ap-northeast-1': commercial(false),
  'ap-northeast-2': commercial(false),
  'ap-northeast-3': commercial(false),
  'ap-south-1': commercial(false),
  'ap-south-2': commercial(true),
  'ap-southeast-1': commercial(false),
  'ap-southeast-2': commercial(false),
  'ap-southeast-3': commercial(true),
  'ap-southeast-4': commercial(true),
  'ap-southeast-5': commercial(true),
  'ap-southeast-6': commercial(true),
  'ap-southeast-7': commercial(true),
  // Hong Kong: the one commercial region without Bedrock.
  'ap-east-1': commercial(true, false),
  'ap-east-2': commercial(true),
  'af-south-1': commercial(true),
  'il-central-1': commercial(true),
  'me-central-1': commercial(true),
  'me-south-1': commercial(true),
  'cn-north-1': { optIn: false, bedrock: false, partition: 'aws-cn' },
  'cn-northwest-1': { optIn: false, bedrock: false, partition: 'aws-cn' },
  'us-gov-east-1': { optIn: false, bedrock: true, partition: 'aws-us-gov' },
  'us-gov-west-1': { optIn: false, bedrock: true, partition: 'aws-us-gov' },
  'us-iso-east-1': { optIn: false, bedrock: true, partition: 'aws-iso' },
  'us-iso-west-1': { optIn: false, bedrock: false, partition: 'aws-iso' },
  'us-isob-east-1': { optIn: false, bedrock: true, partition: 'aws-iso' },
  'us-isof-east-1': { optIn: false, bedrock: true, partition: 'aws-iso' },
  'us-isof-south-1': { optIn: false, bedrock: true, partition: 'aws-iso' },
  'eusc-de-east-1': { optIn: false, bedrock: true, partition: 'aws-eusc' },
};

/**
 * A region-shaped word: prefix, compass direction, digit. Not preceded by a letter, digit or hyphen and not
 * followed by a letter or digit, so an availability zone (`us-east-1a`) or a longer token is not a region.
 */
export const REGION_PATTERN =
  '(?:us-gov|us-iso[bef]?|eusc-de|af|ap|ca|cn|eu|il|me|mx|sa|us)-(?:central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9]';

export const REGION_WORD = new RegExp(`(?<![A-Za-z0-9-])(${REGION_PATTERN})(?![A-Za-z0-9])`, 'g');

export function regionFact(region: string): RegionFact | undefined {
  return REGIONS[region];
}

export function isKnownRegion(region: string): boolean {
  return REGIONS[region] !== undefined;
}

export function isOptInRegion(region: string): boolean {
  return REGIONS[region]?.optIn === true;
}

export function bedrockOffered(region: string): boolean {
  return REGIONS[region]?.bedrock === true;
}
