/**
 * Offline facts of enforced guardrails: guardrail identifiers (the guardrail resource type of the Service
 * Authorization Reference; an organization policy's identifier carries :VERSION), the documented model-enforcement
 * rules (Bedrock user guide, guardrails-enforcements FAQ) and the Amazon Bedrock policy document
 * (Organizations user guide, orgs_manage_policies_bedrock_syntax).
 */
import { describe, expect, it } from 'vitest';
import {
  describeModelScope,
  enforcementCovers,
  orgGuardrailConfigs,
  parseGuardrailIdentifier,
} from '../../src/aws-facts/guardrails.js';

describe('parseGuardrailIdentifier', () => {
  it('reads a guardrail ARN with and without a version, in every partition', () => {
    expect(parseGuardrailIdentifier('arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d:1')).toEqual({
      arn: 'arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d',
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
      guardrailId: 'hu1dlsv9wy1d',
      version: '1',
    });
    expect(parseGuardrailIdentifier('arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:guardrail/abc')?.version).toBe(
      undefined,
    );
    expect(parseGuardrailIdentifier('arn:aws:bedrock:us-east-1:123456789012:guardrail/abc:DRAFT')?.version).toBe(
      'DRAFT',
    );
  });

  it('refuses what is not a guardrail ARN', () => {
    for (const bad of [
      'hu1dlsv9wy1d',
      'arn:aws:bedrock:us-east-1:123456789012:guardrail/',
      'arn:aws:bedrock:us-east-1:12345678901:guardrail/abc',
      'arn:aws:bedrock:us-east-1:123456789012:guardrail-profile/abc',
      'arn:aws:bedrock:us-east-1:123456789012:guardrail/ABC',
      'arn:aws:bedrock:us-east-1:123456789012:guardrail/abc:0',
    ]) {
      expect(parseGuardrailIdentifier(bad), bad).toBeUndefined();
    }
  });
});

describe('enforcementCovers (model enforcement)', () => {
  const m = 'anthropic.claude-3-haiku-20240307-v1:0';
  it('no scope, ALL or an empty included list: every model', () => {
    expect(enforcementCovers(undefined, m)).toBe('yes');
    expect(enforcementCovers({ included: ['ALL'], excluded: [] }, m)).toBe('yes');
    expect(enforcementCovers({ included: [], excluded: [] }, m)).toBe('yes');
    expect(enforcementCovers({ included: ['ALL'], excluded: [] }, undefined)).toBe('yes');
  });
  it('excluded wins, also over an explicit inclusion; a model not included is not covered', () => {
    expect(enforcementCovers({ included: ['ALL'], excluded: [m] }, m)).toBe('no');
    expect(enforcementCovers({ included: [m], excluded: [m] }, m)).toBe('no');
    expect(enforcementCovers({ included: ['amazon.nova-pro-v1:0'], excluded: [] }, m)).toBe('no');
    expect(enforcementCovers({ included: [m], excluded: [] }, m)).toBe('yes');
    expect(enforcementCovers({ included: [`${m}/123456789012`], excluded: [] }, m)).toBe('yes');
  });
  it('no model to compare with a partial scope: unknown', () => {
    expect(enforcementCovers({ included: ['ALL'], excluded: [m] }, undefined)).toBe('unknown');
    expect(enforcementCovers({ included: [m], excluded: [] }, undefined)).toBe('unknown');
  });
  it('describes the scope', () => {
    expect(describeModelScope(undefined)).toBe('all models');
    expect(describeModelScope({ included: ['ALL'], excluded: ['a.b'] })).toBe('all models except a.b');
    expect(describeModelScope({ included: ['a.b', 'c.d'], excluded: [] })).toBe('only a.b, c.d');
  });
});

describe('orgGuardrailConfigs (an effective Amazon Bedrock policy)', () => {
  const policy = {
    bedrock: {
      guardrail_inference: {
        'us-east-1': {
          config_1: {
            identifier: { '@@assign': 'arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d:1' },
            selective_content_guarding: {
              system: { '@@assign': 'selective' },
              messages: { '@@assign': 'comprehensive' },
            },
            model_enforcement: {
              included_models: { '@@assign': ['ALL'] },
              excluded_models: { '@@assign': ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'] },
            },
          },
        },
        'eu-west-1': { config_1: { identifier: 'arn:aws:bedrock:eu-west-1:123456789012:guardrail/euguard:2' } },
      },
    },
  };

  it('reads the region asked for, values behind @@assign or plain', () => {
    expect(orgGuardrailConfigs(policy, 'us-east-1')).toEqual([
      {
        name: 'config_1',
        identifier: 'arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d:1',
        guardrail: expect.objectContaining({ guardrailId: 'hu1dlsv9wy1d', version: '1' }),
        scope: { included: ['ALL'], excluded: ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'] },
      },
    ]);
    expect(orgGuardrailConfigs(policy, 'eu-west-1')[0]?.guardrail?.arn).toBe(
      'arn:aws:bedrock:eu-west-1:123456789012:guardrail/euguard',
    );
    expect(orgGuardrailConfigs(policy, 'ap-south-1')).toEqual([]);
  });

  it('keeps a malformed identifier visible (without a guardrail), and survives any shape', () => {
    const odd = { bedrock: { guardrail_inference: { 'us-east-1': { c: { identifier: 'guardrail-1' }, d: {} } } } };
    expect(orgGuardrailConfigs(odd, 'us-east-1')).toEqual([
      { name: 'c', identifier: 'guardrail-1' },
      { name: 'd', identifier: '' },
    ]);
    for (const junk of [null, 'text', [], { bedrock: [] }, { bedrock: { guardrail_inference: { 'us-east-1': 3 } } }]) {
      expect(orgGuardrailConfigs(junk, 'us-east-1')).toEqual([]);
    }
  });
});
