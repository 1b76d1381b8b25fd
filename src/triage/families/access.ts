/** Families of IAM authorization messages: implicit deny, explicit deny, and bare AccessDenied. */
import type { Family } from './types.js';

const ACCESS_DENIED = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';

export const ACCESS_FAMILIES: readonly Family[] = [
  {
    id: 'denied_explicit',
    meaning:
      'A policy explicitly denies the action ("with an explicit deny in a service control policy / permissions ' +
      'boundary / session policy / identity-based policy / VPC endpoint policy / resource control policy").',
    doc: ACCESS_DENIED,
    wordings: ['with an explicit deny in', 'with an explicit deny'],
    // "is explicitly denied by ...", not the person's "nothing is explicitly denied".
    patterns: [
      /(?<!\b(?:not|nothing is|nothing was|never|isn't|wasn't|aren't|weren't) )\bexplicitly denied\b/,
      // `aws sts decode-authorization-message` output (also JSON-escaped inside DecodedMessage): "explicitDeny":true.
      /\bexplicitdeny\\?"?[ \t]{0,3}:[ \t]{0,3}true\b/,
      // AWS's clause quoted without its "with an" head (a log line cut with "..."): "explicit deny in a service
      // control policy", not the person's "there is no explicit deny in the SCP".
      /(?<!\b(?:no|not an?|without an?|never an?) )\bexplicit deny in (?:a |an |the )?(?:service control polic|resource control polic|permissions boundary|session polic|identity-based polic|resource-based polic|vpc endpoint polic)/,
    ],
    prior: { explicit_deny: 0.96, missing_iam_permission: 0.04 },
    priorWhy: 'AWS names the policy type that denies; an Allow cannot override it.',
    evidence: ['cross_region_profile_denied'],
  },
  {
    id: 'denied_implicit',
    meaning:
      'No policy of the named type allows the action ("because no identity-based policy allows"): implicit deny.',
    doc: ACCESS_DENIED,
    wordings: [
      'implicitly denied',
      // Bedrock AgentCore creating its service-linked role for a caller without iam:CreateServiceLinkedRole
      // (aws-samples/generative-ai-use-cases#1327).
      'sufficient permissions to create a service linked role',
    ],
    // "Model access is denied due to ... not authorized to perform: aws-marketplace:ViewSubscriptions ... because no
    // identity-based policy allows": the Marketplace subscription family, whose shares cover the IAM reading.
    yieldsTo: ['marketplace'],
    patterns: [
      /because no [a-z -]{0,40}polic(?:y|ies) allows?/,
      /because no permissions boundary allows/,
      // A decoded authorization message neither allowed nor explicitly denied: "allowed":false,"explicitDeny":false.
      /\ballowed\\?"?[ \t]{0,3}:[ \t]{0,3}false[ \t]{0,3},[ \t]{0,3}\\?"?explicitdeny\\?"?[ \t]{0,3}:[ \t]{0,3}false\b/,
      // Claude Platform on AWS quotes the clause alone: "no session policy allows the aws-external-anthropic:
      // CreateInference action" (BerriAI/litellm#30200, the session policy LiteLLM attaches on its OIDC path).
      /\bno (?:identity-based|session|resource-based|service control|resource control|vpc endpoint) polic(?:y|ies) allows? the [a-z0-9-]{2,40}:[a-z]/,
    ],
    prior: { missing_iam_permission: 0.92, explicit_deny: 0.03, wrong_profile_or_env: 0.05 },
    priorWhy:
      'AWS documents "no ... policy allows" as an implicit deny: the named action is not granted to the principal; ' +
      'sometimes the principal is not the one meant to call.',
    evidence: [
      'unintended_identity',
      'identity_account_mismatch',
      'node_role_identity',
      'cognito_unauth_session_policy',
      'permissions_boundary_named',
    ],
  },
  {
    id: 'denied_principal',
    meaning:
      '"<principal> is not authorized to perform: <action>" without the reason clause (older services, STS), or ' +
      'EC2\'s UnauthorizedOperation "You are not authorized to perform this operation." naming no action.',
    doc: ACCESS_DENIED,
    wordings: [
      // Amazon Bedrock Copilot Chat (tinovyatkin/amazon-bedrock-copilot-chat src/bedrock-client.ts, src/provider.ts):
      // its own words for an AccessDeniedException on bedrock:ListFoundationModels.
      'listfoundationmodelsaccessdenied',
      'model listing is blocked by aws permissions',
      // EC2's UnauthorizedOperation (and the services on its API) names neither the action nor the policy type.
      'you are not authorized to perform this operation',
    ],
    patterns: [
      // Older services (SES) leave out the colon and quote TeX-style: "is not authorized to perform `ses:SendEmail'".
      /\bnot authorized to perform(?:: ?| ['‘]?)[a-z0-9-]{2,40}:[a-z*]/,
      // Services that check a role before using it name the actions it lacks in their own words (AgentCore's
      // CreateAgentRuntime: "The execution role requires permissions for ecr:GetAuthorizationToken, ...").
      /\b(?:role|user|principal) (?:requires|needs|is missing|lacks) (?:the )?(?:following )?permissions? (?:for|to perform|to) ?:? ?[a-z0-9-]{2,40}:[a-z*]/,
    ],
    yieldsTo: ['denied_explicit', 'denied_implicit', 'marketplace', 'account_blocked'],
    codes: ['UnauthorizedOperation'],
    codeYieldsTo: ['denied_explicit', 'denied_implicit', 'marketplace', 'account_blocked'],
    prior: {
      missing_iam_permission: 0.62,
      explicit_deny: 0.25,
      wrong_profile_or_env: 0.1,
      model_access_not_granted: 0.03,
    },
    priorWhy:
      'Without the reason clause an implicit deny is the most common, an explicit deny the next: AWS documents the ' +
      'same sentence for both where a service adds no reason (EC2, older APIs), and organizations deny by SCP more ' +
      'often than public threads show (an SCP denial is rarely posted where the SCP cannot be changed).',
    evidence: [
      'unintended_identity',
      'identity_account_mismatch',
      'permissions_boundary_named',
      'node_role_identity',
      'cognito_unauth_session_policy',
    ],
  },
  {
    id: 'cfn_handler_denied',
    meaning:
      'CloudFormation\'s resource handler (Cloud Control) was denied a call it makes for the resource ("Access denied ' +
      "for operation 'AWS::Bedrock::Agent'\"): the deploying role, or the role handed to the resource, lacks a " +
      'permission the handler needs; a role created in the same stack moments before is refused the same way until ' +
      'IAM has propagated its policy.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency',
    wordings: [],
    patterns: [/\baccess denied for operation ['"]?aws::[a-z0-9]{2,40}::[a-z0-9]{2,60}\b/],
    prior: { missing_iam_permission: 0.7, key_not_propagated: 0.15, explicit_deny: 0.1, unknown: 0.05 },
    priorWhy:
      'The handler names the resource type, not the action: a permission the deploying or resource role lacks ' +
      '(often one the handler calls on its own, such as kms:CreateGrant or an inference profile) is the usual ' +
      'reading; a role attached in the same stack before its policy propagated is the next (aws/aws-cdk#35120); ' +
      'a key policy or SCP that denies outright the third.',
    evidence: ['unintended_identity'],
  },
  {
    id: 'service_role_not_assumable',
    meaning:
      "A service checked the role it was handed and could not assume it: Lambda's InvalidParameterValueException " +
      '"The role defined for the function cannot be assumed by Lambda" (CreateFunction, UpdateFunctionConfiguration), ' +
      'Step Functions\' "Neither the global service principal states.amazonaws.com, nor the regional one is ' +
      'authorized to assume the provided role" (CreateStateMachine). The role\'s trust policy must name the service ' +
      'principal (lambda.amazonaws.com, states.amazonaws.com); a role created or changed a moment before is refused ' +
      'the same way until IAM has propagated it.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency',
    wordings: [
      // Lambda (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html: the trust policy must
      // name lambda.amazonaws.com); Terraform's AWS provider and CDK-style deployers retry on it for IAM propagation.
      'the role defined for the function cannot be assumed by lambda',
      // Step Functions CreateStateMachine / UpdateStateMachine (AccessDeniedException).
      'nor the regional one is authorized to assume the provided role',
      // SES (event destinations, receipt rules) and Firehose checking the role they were handed.
      'could not assume iam role',
      'firehose is unable to assume role',
    ],
    prior: { key_not_propagated: 0.55, missing_iam_permission: 0.35, wrong_profile_or_env: 0.1 },
    priorWhy:
      'AWS documents IAM as eventually consistent ("changes that I make are not always immediately visible"): a role ' +
      'created, or whose trust policy was changed, in the same deployment run is refused until it propagates, which ' +
      'is why deployers retry this very message; a trust policy that does not name the service principal is the ' +
      "other documented reason (the missing grant is the role's trust), and a role ARN of another or a deleted role " +
      'the rarest.',
    evidence: ['works_on_retry', 'key_just_created'],
  },
  {
    id: 'service_role_lacks_permission',
    meaning:
      'Lambda checked the execution role it was given for an event source mapping, a dead-letter target or a VPC ' +
      'function and found it cannot make the call it needs: "The provided execution role does not have permissions ' +
      'to call SendMessage on SQS" (InvalidParameterValueException). The role must allow that action; a role or ' +
      'policy created in the same deployment is refused the same way until IAM has propagated it.',
    doc: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions',
    wordings: [],
    patterns: [/\bthe provided execution role does not have permissions to call [a-z]{2,60} on [a-z0-9 ]{2,40}\b/],
    prior: { missing_iam_permission: 0.55, key_not_propagated: 0.4, unknown: 0.05 },
    priorWhy:
      'Lambda documents the permissions the execution role needs for each source (sqs:ReceiveMessage, ' +
      'ec2:CreateNetworkInterface ...): a missing grant is the first reading; deployers create the role, its policy ' +
      'and the mapping in one run, and the AWS Terraform provider retries this very error while IAM propagates, so ' +
      'propagation is a close second.',
    evidence: ['works_on_retry', 'key_just_created'],
  },
  {
    id: 'search_data_denied',
    meaning:
      'OpenSearch\'s own refusal (403 security_exception / authorization_exception, "no permissions for [action] and ' +
      'User [...]"): the principal is not in the OpenSearch Serverless collection\'s data access policy, or not mapped ' +
      "to a role by a domain's fine-grained access control; a request signed for another region is refused alike.",
    doc: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html',
    wordings: ['security_exception', 'authorization_exception', 'opensearchsecurityexception'],
    patterns: [/\bno permissions for \[[a-z0-9:/_*-]{3,120}\] and user \[/],
    yieldsTo: ['denied_explicit', 'denied_implicit', 'denied_principal'],
    prior: {
      missing_iam_permission: 0.7,
      region_unsupported: 0.15,
      wrong_profile_or_env: 0.1,
      key_not_propagated: 0.05,
    },
    priorWhy:
      'AWS documents data access policies as the grant every OpenSearch Serverless principal needs (a Bedrock ' +
      "knowledge base's role included): a principal missing from them is the common case; a client signing for " +
      'another region, another principal than meant, or a policy created a moment before are the others.',
    evidence: ['unintended_identity', 'identity_account_mismatch'],
  },
  {
    id: 'access_denied_bare',
    meaning: 'AccessDenied(Exception) with no message that says why.',
    doc: ACCESS_DENIED,
    wordings: [
      // Dify's Bedrock plugin (models/bedrock/utils/inference_profile.py): GetInferenceProfile answered AccessDenied.
      'access denied to inference profile',
      // Bedrock Agents' InvokeAgent answer that names no action (awslabs/amazon-bedrock-agent-samples#161).
      'access denied when calling bedrock',
    ],
    // S3's own message for AccessDenied, "Access Denied", printed without the code by clients of an S3 bucket
    // (minio-go's "client.BucketExists: Access Denied.", "s3://bucket/key: Access Denied").
    patterns: [
      /\b(?:s3:\/\/|s3\.[a-z0-9.-]{0,40}amazonaws\.com|s3:s3\.)[^\n]{0,200}\baccess denied\b/,
      // Clients that prefix S3's message with the service: "S3 error: Access Denied" (the JS SDK v2 under CDK, LZA).
      /\bs3 error: access denied\b/,
      // The AWS console's banner for a refused call: "You or your AWS administrator must update your IAM permissions
      // to allow s3:GetBucketVersioning", "After you or your AWS administrator have updated your permissions to allow
      // the s3:ListAllMyBuckets action": it names the action, never whether a Deny or a missing Allow refused it.
      /\bupdated? your (?:iam )?permissions to allow (?:the )?[a-z0-9-]{2,30}:[a-z]/,
      // CloudFormation's stack event for a resource call that was refused: "API: s3:PutBucketPolicy Access Denied".
      /\bapi: [a-z0-9-]{2,30}:[a-z]{2,60} access denied\b/,
    ],
    codes: ['AccessDeniedException', 'AccessDenied'],
    namesNoReason: true,
    codeYieldsTo: [
      'denied_explicit',
      'denied_implicit',
      'denied_principal',
      'operation_unresolved',
      'model_access_denied',
      'operation_not_offered',
      'model_access_advice',
      'model_access_summary',
      'marketplace',
      'use_case_form',
      'legacy_model',
      'model_end_of_life',
      'model_data_retention',
      'on_demand_not_offered',
      'account_blocked',
      'api_key_rejected',
      'api_key_format',
      'bearer_token_invalid',
      'auth_header_missing',
      'console_login_denied',
      // AWS Sign-In answers an expired `aws login` refresh token with AccessDeniedException too.
      'console_login_expired',
      'web_identity_denied',
      'sts_caller_not_allowed',
      'service_role_not_assumable',
      'cfn_handler_denied',
    ],
    prior: {
      missing_iam_permission: 0.36,
      model_access_not_granted: 0.26,
      explicit_deny: 0.12,
      region_unsupported: 0.1,
      wrong_profile_or_env: 0.08,
      bedrock_api_key: 0.04,
      account_issue: 0.04,
    },
    priorWhy:
      'A bare AccessDenied: IAM denials dominate, then model access (Marketplace subscription, use-case form); a ' +
      'bearer token sent where SigV4 was meant, or a wrong region, are rarer.',
    evidence: [
      'bearer_token_present',
      'bearer_and_sigv4',
      'model_access_hint',
      'other_region_works',
      'permissions_boundary_named',
      'cognito_unauth_session_policy',
    ],
    commands: ['aws sts get-caller-identity'],
  },
];
