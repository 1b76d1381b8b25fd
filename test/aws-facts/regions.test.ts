import { describe, expect, it } from 'vitest';
import { partitionFromRegionPrefix } from '../../src/aws-facts/partitions.js';
import {
  bedrockOffered,
  isKnownRegion,
  isOptInRegion,
  isRegionCode,
  knownRegionCodes,
  partitionOfRegion,
  REGION_WORD,
  regionInfo,
} from '../../src/aws-facts/regions.js';

describe('the region table', () => {
  it('puts each region in the partition of the SDK partition table (us-isob-* is aws-iso-b, us-isof-* aws-iso-f)', () => {
    expect(partitionOfRegion('us-isob-east-1')).toBe('aws-iso-b');
    expect(partitionOfRegion('us-isof-south-1')).toBe('aws-iso-f');
    expect(partitionOfRegion('us-iso-east-1')).toBe('aws-iso');
    expect(partitionOfRegion('eusc-de-east-1')).toBe('aws-eusc');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOfRegion('eu-isoe-west-1')).toBe('aws-iso-e');
    expect(partitionOfRegion('us-east-1')).toBe('aws');
  });

  it('agrees with the prefix rule for every region it lists, and every listed code is a region code in text', () => {
    const codes = knownRegionCodes();
    expect(codes.length).toBe(44);
    for (const code of codes) {
      expect(regionInfo(code)?.partition, code).toBe(partitionFromRegionPrefix(code));
      expect(isRegionCode(code), code).toBe(true);
      expect(
        [...` region ${code} `.matchAll(REGION_WORD)].map((m) => m[1]),
        code,
      ).toEqual([code]);
    }
  });

  it('knows the 17 opt-in regions and the one commercial region without Bedrock (aws-facts 4.1)', () => {
    const commercial = knownRegionCodes().filter((c) => partitionOfRegion(c) === 'aws');
    expect(commercial).toHaveLength(34);
    expect(commercial.filter(isOptInRegion)).toHaveLength(17);
    expect(commercial.filter((c) => !bedrockOffered(c))).toEqual(['ap-east-1']);
    expect(isOptInRegion('eusc-de-east-1')).toBe(false);
    expect(bedrockOffered('eusc-de-east-1')).toBe(true);
  });

  it('does not take an availability zone or a longer token for a region', () => {
    expect([...'us-east-1a xus-east-1 us-east-12'.matchAll(REGION_WORD)]).toEqual([]);
    expect(isKnownRegion('us-east-1a')).toBe(false);
    expect(isRegionCode('US-EAST-1')).toBe(false);
  });
});
