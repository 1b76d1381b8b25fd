import { describe, expect, it } from 'vitest';
import {
  DOCUMENTED_FOUNDATION_MODEL_IDS,
  isFoundationModelId,
  MODEL_REGION_COLUMNS,
  MODEL_REGION_SOURCE,
  modelOfferInRegion,
  modelRegionAvailability,
  modelsWithRegionTable,
  PROFILE_ONLY_MODEL_IDS,
} from '../../src/aws-facts/models.js';
import { bedrockOffered, isKnownRegion } from '../../src/aws-facts/regions.js';

describe('the model Region table (Bedrock user guide)', () => {
  it('names its source pages and their date', () => {
    expect(MODEL_REGION_SOURCE.urls).toContain(
      'https://docs.aws.amazon.com/bedrock/latest/userguide/models-regions.html',
    );
    expect(MODEL_REGION_SOURCE.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has the 34 Region columns of the page, each a known Region with Bedrock', () => {
    expect(MODEL_REGION_COLUMNS).toHaveLength(34);
    expect(new Set(MODEL_REGION_COLUMNS).size).toBe(34);
    for (const r of MODEL_REGION_COLUMNS) {
      expect(isKnownRegion(r), r).toBe(true);
      expect(bedrockOffered(r), r).toBe(true);
    }
  });

  it('lists only foundation model ids, and only Regions of its columns', () => {
    const columns = new Set(MODEL_REGION_COLUMNS);
    expect(modelsWithRegionTable().length).toBeGreaterThanOrEqual(40);
    for (const id of modelsWithRegionTable()) {
      expect(isFoundationModelId(id), id).toBe(true);
      expect(id).toBe(id.toLowerCase());
      const row = modelRegionAvailability(id);
      expect(row?.offered.size, id).toBeGreaterThan(0);
      for (const r of row?.offered ?? []) expect(columns.has(r), `${id} ${r}`).toBe(true);
      for (const r of row?.listed ?? []) {
        expect(row?.onDemand.has(r) || row?.profile.has(r), `${id} ${r} listed twice`).toBe(false);
      }
    }
  });

  it('extends the documented model ids: every one of them has a row', () => {
    for (const id of DOCUMENTED_FOUNDATION_MODEL_IDS) expect(modelRegionAvailability(id), id).toBeDefined();
  });

  it('agrees with the profile-only list: each such model is reached through profiles', () => {
    for (const id of PROFILE_ONLY_MODEL_IDS) expect(modelRegionAvailability(id)?.profile.size, id).toBeGreaterThan(0);
    // Claude Opus 4 and Sonnet 4 are on demand in no Region of the table.
    expect(modelRegionAvailability('anthropic.claude-sonnet-4-20250514-v1:0')?.onDemand.size).toBe(0);
    expect(modelRegionAvailability('anthropic.claude-opus-4-20250514-v1:0')?.onDemand.size).toBe(0);
  });

  it('says how a model is offered in a Region, and nothing when it does not know', () => {
    const haiku = 'anthropic.claude-3-5-haiku-20241022-v1:0';
    expect(modelOfferInRegion(haiku, 'us-west-2')).toBe('on_demand');
    expect(modelOfferInRegion(haiku.toUpperCase(), 'us-west-2')).toBe('on_demand');
    expect(modelOfferInRegion(haiku, 'us-east-1')).toBe('profile_only');
    expect(modelOfferInRegion(haiku, 'me-central-1')).toBe('offered');
    expect(modelOfferInRegion(haiku, 'eu-west-1')).toBe('not_offered');
    expect(modelOfferInRegion(haiku, 'ap-east-1')).toBeUndefined();
    expect(modelOfferInRegion(haiku, 'cn-north-1')).toBeUndefined();
    expect(modelOfferInRegion('anthropic.claude-9-haiku-20301022-v1:0', 'eu-west-1')).toBeUndefined();
  });
});
