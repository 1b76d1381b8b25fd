import { describe, expect, it } from 'vitest';
import {
  geoPrefixForRegion,
  hasGeoPrefix,
  INFERENCE_PROFILE_GEO_PREFIXES,
  splitInferenceProfileId,
} from '../../src/aws-facts/models.js';

describe('inference profile ids', () => {
  it('splits every geography prefix, global. included, from the model id', () => {
    for (const geo of INFERENCE_PROFILE_GEO_PREFIXES) {
      expect(splitInferenceProfileId(`${geo}.anthropic.claude-3-haiku-20240307-v1:0`)).toEqual({
        geo,
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      });
    }
    expect(splitInferenceProfileId('us-gov.anthropic.claude-3-haiku-20240307-v1:0')?.geo).toBe('us-gov');
  });

  it('does not take a bare model id or an unknown prefix for a profile', () => {
    expect(hasGeoPrefix('anthropic.claude-3-haiku-20240307-v1:0')).toBe(false);
    expect(splitInferenceProfileId('xx.anthropic.claude-3-haiku-20240307-v1:0')).toBeUndefined();
    expect(splitInferenceProfileId('us.not a model')).toBeUndefined();
  });

  it('names the geography a source region routes through', () => {
    expect(geoPrefixForRegion('us-gov-west-1')).toBe('us-gov');
    expect(geoPrefixForRegion('ca-central-1')).toBe('us');
    expect(geoPrefixForRegion('eu-central-2')).toBe('eu');
    expect(geoPrefixForRegion('ap-southeast-2')).toBe('apac');
    expect(geoPrefixForRegion('me-central-1')).toBeUndefined();
  });
});
