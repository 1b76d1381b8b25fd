/**
 * Where a model is offered (aws-facts MODEL_REGION_SOURCE: the Bedrock user guide's Region tables) against the
 * model and region messages. Each case compares the same message for the same model in a Region that offers it and
 * one that does not, or a documented model with an unknown one, so it fails if the signal stops moving the causes.
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';

// Claude 3.5 Haiku: on demand in us-west-2, through profiles from us-east-1 / us-east-2, not offered in eu-west-1.
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const UNKNOWN = 'anthropic.claude-9-haiku-20301022-v1:0';

const invalid = (model: string, region: string) =>
  'botocore.exceptions.ClientError: An error occurred (ValidationException) when calling the Converse operation: ' +
  `The provided model identifier is invalid.\nPOST https://bedrock-runtime.${region}.amazonaws.com/model/${model}/converse`;
const noAccess = (model: string, region: string) =>
  'An error occurred (AccessDeniedException) when calling the InvokeModel operation: ' +
  `You don't have access to the model with the specified model ID.\nmodelId=${model} region=${region}`;
const onDemand = (model: string, region: string) =>
  `ValidationException: Invocation of model ID ${model} with on-demand throughput isn't supported. Retry your ` +
  `request with the ID or ARN of an inference profile that contains this model.\nregion: ${region}`;

const confidence = (text: string, cause: string) => triage(text).causes.find((c) => c.id === cause)?.confidence ?? 0;
const first = (text: string) => triage(text).causes[0]?.id;
const why = (text: string) =>
  triage(text)
    .causes.flatMap((c) => c.why)
    .join(' ');

describe('a documented model in a Region the user guide does not list for it', () => {
  it('"invalid" is the Region, not the id', () => {
    expect(first(invalid(HAIKU_35, 'us-west-2'))).toBe('invalid_model_id');
    expect(first(invalid(HAIKU_35, 'eu-west-1'))).toBe('region_unsupported');
    expect(confidence(invalid(HAIKU_35, 'eu-west-1'), 'invalid_model_id')).toBeLessThan(
      confidence(invalid(UNKNOWN, 'eu-west-1'), 'invalid_model_id'),
    );
    expect(why(invalid(HAIKU_35, 'eu-west-1'))).toContain('not offered in eu-west-1');
  });

  it('"no access" is the Region: access cannot be granted where the model is not offered', () => {
    expect(first(noAccess('anthropic.claude-3-haiku-20240307-v1:0', 'us-east-1'))).toBe('model_access_not_granted');
    expect(first(noAccess('anthropic.claude-3-haiku-20240307-v1:0', 'ap-south-2'))).toBe('region_unsupported');
  });

  it('a geography profile with no profile in that geography is not offered there', () => {
    // Claude 3.5 Haiku has US profiles only: apac. from Tokyo does not exist.
    const apac = `apac.${HAIKU_35}`;
    expect(confidence(noAccess(apac, 'ap-northeast-1'), 'region_unsupported')).toBeGreaterThan(
      confidence(noAccess(`us.${HAIKU_35}`, 'us-east-1'), 'region_unsupported'),
    );
    expect(first(noAccess(apac, 'ap-northeast-1'))).toBe('region_unsupported');
  });

  it('a geography profile called from another geography is not offered there', () => {
    const eu = 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0';
    expect(first(noAccess(eu, 'us-east-1'))).toBe('region_unsupported');
    expect(first(noAccess(eu, 'eu-west-1'))).toBe('model_access_not_granted');
    expect(first(invalid(eu, 'us-east-1'))).toBe('region_unsupported');
  });

  it('a bare id refused on demand where no profile of the model reaches lists the Region close behind', () => {
    expect(confidence(onDemand(HAIKU_35, 'eu-west-1'), 'region_unsupported')).toBeGreaterThan(
      confidence(onDemand(HAIKU_35, 'us-east-1'), 'region_unsupported') + 0.2,
    );
  });
});

describe('a documented model in a Region that offers it', () => {
  it('lowers region_unsupported', () => {
    expect(confidence(noAccess(HAIKU_35, 'us-west-2'), 'region_unsupported')).toBeLessThan(
      confidence(noAccess(UNKNOWN, 'us-west-2'), 'region_unsupported'),
    );
    expect(confidence(invalid(HAIKU_35, 'us-west-2'), 'region_unsupported')).toBeLessThan(
      confidence(invalid(UNKNOWN, 'us-west-2'), 'region_unsupported'),
    );
    expect(why(noAccess(HAIKU_35, 'us-west-2'))).toContain('is offered in us-west-2');
  });

  it('only through inference profiles: a bare id refused there needs a profile', () => {
    expect(confidence(invalid(HAIKU_35, 'us-east-1'), 'inference_profile_required')).toBeGreaterThan(
      confidence(invalid(HAIKU_35, 'us-west-2'), 'inference_profile_required'),
    );
    expect(confidence(invalid(HAIKU_35, 'us-east-1'), 'region_unsupported')).toBeLessThan(
      confidence(invalid(UNKNOWN, 'us-east-1'), 'region_unsupported'),
    );
    expect(why(invalid(HAIKU_35, 'us-east-1'))).toContain('only through inference profiles');
  });
});

describe('what the table does not know says nothing', () => {
  it('an unknown model id reads the same in every Region', () => {
    for (const text of [invalid, noAccess, onDemand]) {
      const ranked = (region: string) => triage(text(UNKNOWN, region)).causes.map((c) => [c.id, c.confidence]);
      expect(ranked('eu-west-1')).toEqual(ranked('us-west-2'));
      expect(why(text(UNKNOWN, 'eu-west-1'))).not.toContain('Bedrock user guide');
    }
  });

  it('a Region outside the tables (no Bedrock there) says nothing about the model', () => {
    expect(why(noAccess(HAIKU_35, 'ap-east-1'))).not.toContain('Bedrock user guide');
  });

  it('a message about something else ignores the table', () => {
    const text = `An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token included in the request is invalid.\nmodelId=${HAIKU_35} region=eu-west-1`;
    expect(why(text)).not.toContain('Bedrock user guide');
  });
});

describe('models the Region table documents count as documented (Claude Opus 4.6 is in no other list)', () => {
  const opus46 = (id: string) => `ValidationException: The provided model identifier is invalid. (model: ${id})`;
  it('a geography profile of a tabled model, called "invalid", is where it was called from', () => {
    expect(first(opus46('eu.anthropic.claude-opus-4-6-v1'))).toBe('region_unsupported');
    // A model no documentation names keeps the id reading.
    expect(first(opus46('eu.anthropic.claude-opus-9-9-v1'))).toBe('invalid_model_id');
  });

  it('an id the text offers as the fix ("expected: ...") is not the id that was sent', () => {
    const text =
      '400 The provided model identifier is invalid.\nsettings.json has: opus-4-6\nExpected: eu.anthropic.claude-opus-4-6-v1';
    expect(triage(text).entities.modelId).toBeUndefined();
    expect(first(text)).toBe('invalid_model_id');
    // Named as what was sent, it is read.
    const sent = '400 The provided model identifier is invalid.\nsettings.json has: eu.anthropic.claude-opus-4-6-v1';
    expect(triage(sent).entities.modelId).toBe('eu.anthropic.claude-opus-4-6-v1');
  });
});

describe('a model set to an ARN with a slash, under an error no AWS message explains', () => {
  const rankOf = (text: string, cause: string) => triage(text).causes.findIndex((c) => c.id === cause);
  it('lists the id among the readings (an unescaped ARN in the URL path is another id)', () => {
    const text =
      'export BEDROCK_MODEL_ID=arn:aws:bedrock:eu-west-1:111122223333:application-inference-profile/abc123\nError: stream ended unexpectedly';
    expect(rankOf(text, 'invalid_model_id')).toBeGreaterThanOrEqual(0);
    expect(rankOf(text, 'invalid_model_id')).toBeLessThan(3);
    // A foundation-model ARN has no slash after its type to escape; the same error says nothing about the id.
    const plain =
      'export BEDROCK_MODEL_ID=arn:aws:bedrock:eu-west-1::foundation-model:amazon.nova-pro-v1:0\nError: stream ended unexpectedly';
    expect(rankOf(plain, 'invalid_model_id')).not.toBe(rankOf(text, 'invalid_model_id'));
    expect(why(plain)).not.toContain('URL path');
    // "inference-profile" in an ARN is not a credentials profile.
    expect(why(text)).not.toContain('The text is about "profile"');
    expect(why('Error: profile dev could not be read')).toContain('The text is about "profile"');
  });
});
