/**
 * Wordings added while studying the gatherZ / gatherAA batches, each checked on examples of our own (not the corpus
 * pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { contextSignals, messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe('a service that cannot assume the role it was given (service_role_not_assumable)', () => {
  // Lambda validates the execution role on CreateFunction / UpdateFunctionConfiguration: the trust policy must name
  // lambda.amazonaws.com (Lambda Developer Guide, execution role), and IAM is eventually consistent, so a role made a
  // moment before is refused the same way (IAM User Guide, troubleshooting eventual consistency).
  const lambda =
    'botocore.exceptions.ClientError: An error occurred (InvalidParameterValueException) when calling the ' +
    'UpdateFunctionConfiguration operation: The role defined for the function cannot be assumed by Lambda.';

  it("reads Lambda's refusal of the execution role as a role not yet propagated, then its trust policy", () => {
    expect(messageFamilies(lambda)).toContain('service_role_not_assumable');
    const causes = ids(lambda);
    expect(causes[0]).toBe('key_not_propagated');
    expect(causes.slice(0, 3)).toContain('missing_iam_permission');
  });

  it('says what to fix for a role, not for an access key or a Bedrock action', () => {
    const causes = triage(lambda).causes;
    const propagation = causes.find((c) => c.id === 'key_not_propagated');
    expect(propagation?.fix.join(' ')).toMatch(/role/);
    const trust = causes.find((c) => c.id === 'missing_iam_permission');
    expect(trust?.fix.join(' ')).toMatch(/lambda\.amazonaws\.com/);
    expect(trust?.fix.join(' ')).not.toMatch(/bedrock:InvokeModel/);
  });

  it('finds the message in a Terraform box frame that wraps it across lines', () => {
    const text =
      '│ Error: creating Lambda Function (ingest): operation error Lambda: CreateFunction, https response error ' +
      'StatusCode: 400, RequestID: 0f6a1c2e-1111-4222-8333-944455556666, InvalidParameterValueException: The role ' +
      'defined for the function cannot be assumed by\n│ Lambda.\n│\n│   with aws_lambda_function.ingest,';
    expect(messageFamilies(text)).toContain('service_role_not_assumable');
    expect(ids(text)[0]).toBe('key_not_propagated');
  });

  it("reads Step Functions' refusal of the state machine role the same way, not as a bare AccessDenied", () => {
    const text =
      'AccessDeniedException: Neither the global service principal states.amazonaws.com, nor the regional one is ' +
      'authorized to assume the provided role.';
    expect(messageFamilies(text)).toContain('service_role_not_assumable');
    expect(messageFamilies(text)).not.toContain('access_denied_bare');
    expect(ids(text)[0]).toBe('key_not_propagated');
  });

  it('takes a role created moments before, or a second run that works, as propagation evidence', () => {
    const created = `The execution role was just created by the same script. ${lambda}`;
    expect(contextSignals(created)).toContain('key_just_created');
    const retried = `${lambda} The second run works without any change.`;
    expect(contextSignals(retried)).toContain('works_on_retry');
    expect(triage(retried).causes[0]?.confidence).toBeGreaterThan(triage(lambda).causes[0]?.confidence ?? 1);
  });

  it("leaves other Lambda role messages and the person's own words alone", () => {
    // The role was assumed; it lacks an EC2 permission (a VPC function): not this family.
    expect(
      messageFamilies(
        'InvalidParameterValueException: The provided execution role does not have permissions to call ' +
          'CreateNetworkInterface on EC2',
      ),
    ).not.toContain('service_role_not_assumable');
    // Terraform's own message for a provider assume_role that failed is about the caller's credentials.
    expect(
      messageFamilies(
        'error configuring Terraform AWS Provider: IAM Role (arn:aws:iam::111122223333:role/ci) cannot be assumed.',
      ),
    ).not.toContain('service_role_not_assumable');
    expect(messageFamilies('Make sure the role can be assumed by Lambda before you deploy.')).not.toContain(
      'service_role_not_assumable',
    );
  });
});

describe('entity formats of the deployers in these batches', () => {
  const entities = (text: string) => triage(text).entities;

  it("reads the operation Terraform's awscc provider names for Cloud Control", () => {
    expect(
      entities(
        'Waiting for Cloud Control API service UpdateResource operation completion returned: waiter state transitioned to FAILED.',
      ),
    ).toMatchObject({ operation: 'UpdateResource' });
    expect(entities('the Cloud Control API service is slow in this operation')).not.toHaveProperty('operation');
  });
});
