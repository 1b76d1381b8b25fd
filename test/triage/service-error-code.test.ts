/**
 * A generic service code (ValidationException, ResourceNotFoundException, InternalServerException) with a message no
 * family knows is not "not an auth problem" with confidence: the code alone does not say why the request was refused.
 * Throttling and the other non-auth wordings still are.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

describe('a generic service error code with an unknown message', () => {
  const pastes = [
    'botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the ' +
      'CreateKnowledgeBase operation: The vector index arn:aws:aoss:eu-west-3:111122223333:collection/abc is in another account.',
    'ResourceNotFoundException: An error occurred (ResourceNotFoundException) when calling the ApplyGuardrail ' +
      'operation: Guardrail gr-12345 version 3 was not found.',
    'InternalServerException: Access evaluation failed for the gateway target',
  ];

  it('is its own family and states no reading above the ambiguous cap', () => {
    for (const text of pastes) {
      expect(messageFamilies(text)).toEqual(['service_error_code']);
      const t = triage(text);
      expect(t.causes[0]?.confidence ?? 1).toBeLessThanOrEqual(0.5);
      expect(t.causes.slice(0, 3).map((c) => c.id)).toEqual(expect.arrayContaining(['unknown', 'region_unsupported']));
      expect(t.causes.map((c) => c.id)).toContain('invalid_model_id');
    }
  });

  it('leaves the throttle and the known wordings under the same codes to their families', () => {
    const throttled = triage('ThrottlingException: Too many requests, please wait before trying again.');
    expect(throttled.causes.map((c) => c.id)).toEqual(['unknown']);
    expect(throttled.causes[0]?.confidence).toBeGreaterThan(0.7);
    expect(messageFamilies('ValidationException: Too many requests, please wait. (ThrottlingException)')).not.toContain(
      'service_error_code',
    );
    const model = triage(
      'An error occurred (ValidationException) when calling the InvokeModel operation: The provided model identifier is invalid.',
    );
    expect(model.causes[0]?.id).toBe('invalid_model_id');
    expect(
      messageFamilies('An error occurred (ValidationException): The provided model identifier is invalid.'),
    ).not.toContain('service_error_code');
  });
});
