import { describe, expect, it } from 'vitest';
import {
  firstUseProblemOf,
  isMarketplaceAction,
  MARKETPLACE_SUBSCRIBE_ACTIONS,
  modelSellerOf,
} from '../../src/aws-facts/marketplace.js';

describe('which models are sold through AWS Marketplace', () => {
  it.each([
    ['amazon.nova-pro-v1:0', 'Amazon'],
    ['meta.llama3-70b-instruct-v1:0', 'Meta'],
    ['mistral.mistral-large-2402-v1:0', 'Mistral AI'],
    ['deepseek.r1-v1:0', 'DeepSeek'],
    ['qwen.qwen3-32b-v1:0', 'Qwen'],
    ['openai.gpt-oss-120b-1:0', 'OpenAI'],
  ])('%s: not sold through Marketplace (%s)', (modelId, providerName) => {
    expect(modelSellerOf(modelId)).toEqual({ provider: modelId.split('.')[0], marketplace: false, providerName });
  });

  it.each([
    'anthropic.claude-3-haiku-20240307-v1:0',
    'cohere.command-r-v1:0',
    'ai21.jamba-1-5-large-v1:0',
    'stability.sd3-5-large-v1:0',
  ])('%s: sold through Marketplace', (modelId) => {
    expect(modelSellerOf(modelId).marketplace).toBe(true);
  });

  it('names the two actions the first call needs, and recognises a pasted Marketplace action', () => {
    expect([...MARKETPLACE_SUBSCRIBE_ACTIONS]).toEqual([
      'aws-marketplace:Subscribe',
      'aws-marketplace:ViewSubscriptions',
    ]);
    expect(isMarketplaceAction('aws-marketplace:Subscribe')).toBe(true);
    expect(isMarketplaceAction('bedrock:InvokeModel')).toBe(false);
    expect(isMarketplaceAction(undefined)).toBe(false);
  });

  it('first-use codes still map as before', () => {
    expect(firstUseProblemOf('MPAgreementBeingCreated')?.problem).toBe('agreement_being_created');
  });
});
