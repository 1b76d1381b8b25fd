/** Families of Bedrock model messages: model access, Marketplace, use-case form, legacy, inference profile, ids. */
import type { Family } from './types.js';

const MODEL_ACCESS = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html';
const ERROR_CODES = 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html';

export const MODEL_FAMILIES: readonly Family[] = [
  {
    id: 'model_access_denied',
    meaning:
      'The account has no access to that model in that region ("You don\'t have access to the model with the ' +
      'specified model ID"): access not granted or its Marketplace subscription not made; grants are per model and ' +
      'per region.',
    doc: MODEL_ACCESS,
    wordings: [
      "don't have access to the model",
      'do not have access to the model',
      'your account is not authorized to invoke this api operation',
      'not have access to the model with the specified model id',
    ],
    // Roo Code's own summary starts with the same words ("You don't have access to the model specified.") for any
    // error that mentions access: its family covers the IAM and signature readings this one lacks.
    yieldsTo: ['model_access_summary'],
    prior: { model_access_not_granted: 0.68, region_unsupported: 0.27, account_issue: 0.05 },
    priorWhy:
      'AWS documents the message for a model the account has no access to: access (or, since 2025, the ' +
      'first-call Marketplace subscription or the Anthropic use-case form) missing. Because grants are per region, ' +
      'calling another region than the one with access is the second fix.',
    evidence: [
      'model_access_hint',
      'other_region_works',
      'model_region_mismatch',
      'model_not_offered_in_region',
      'model_offered_in_region',
    ],
    commands: ['aws bedrock list-foundation-models --query "modelSummaries[].modelId"'],
  },
  {
    id: 'operation_not_offered',
    meaning:
      'Bedrock refusing a whole API operation for the account ("You are not authorized to invoke the Rerank ' +
      'operation"), not a model or an IAM action: the operation, or the model it needs, is offered in a few Regions ' +
      'only (Rerank: us-west-2, ap-northeast-1, ca-central-1, eu-central-1 and, for Cohere Rerank 3.5 only, us-east-1).',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/rerank-supported.html',
    wordings: [],
    // The Rerank API's wording (opensearch-project/ml-commons#3352: Amazon Rerank 1.0 called in us-east-1).
    patterns: [/\byou are not authorized to invoke the [a-z]{2,40} operation\b/],
    prior: { region_unsupported: 0.55, model_access_not_granted: 0.3, missing_iam_permission: 0.15 },
    priorWhy:
      'The user guide offers Rerank in five Regions and Amazon Rerank 1.0 not in us-east-1, and serverless model ' +
      'access is now enabled automatically (the Model access page is retired): a Region that lacks the operation or ' +
      "its model is the first reading; Cohere Rerank 3.5's Marketplace subscription the next; an IAM policy without " +
      'bedrock:Rerank the third (IAM denials name the principal and the action instead).',
    evidence: ['other_region_works', 'bedrock_not_in_region', 'model_not_offered_in_region'],
  },
  {
    id: 'model_access_advice',
    meaning:
      "A client's own message telling the person to enable the model in the Bedrock console's Model access page: it " +
      'wraps an AccessDeniedException it did not show.',
    doc: MODEL_ACCESS,
    wordings: [
      'check bedrock model access',
      'enable the model in the bedrock console',
      'enable model access in the bedrock console',
      'please enable the model',
      'model access 画面',
      'モデルを有効化',
    ],
    // An app's advice is its guess: the AWS error it wraps, when pasted too, says what happened (a throttle, an
    // agent's failing Lambda).
    yieldsTo: [
      'model_access_denied',
      'marketplace',
      'use_case_form',
      'account_blocked',
      'denied_implicit',
      'denied_explicit',
      'not_auth_error',
    ],
    prior: { model_access_not_granted: 0.7, missing_iam_permission: 0.15, region_unsupported: 0.15 },
    priorWhy:
      'The client maps an AccessDeniedException to "enable the model": model access is the usual reason, but the ' +
      'same wrapper hides IAM denials (a missing bedrock:ApplyGuardrail or InvokeModel) and calls to another region.',
    evidence: ['model_access_hint'],
  },
  {
    id: 'model_access_summary',
    meaning:
      "A client's own summary that replaces AWS's message for any error that mentions access, denied or permission " +
      '(Roo Code: "You don\'t have access to the model specified." and a checklist of cross-region inference, ARN, IAM ' +
      'policies and region): AWS\'s AccessDeniedException of any kind, and InvalidSignatureException ("Check your AWS ' +
      'Secret Access Key"), look the same.',
    doc: ERROR_CODES,
    wordings: [
      // RooCodeInc/Roo-Code src/api/providers/bedrock.ts, ERROR_TYPES.ACCESS_DENIED.
      "you don't have access to the model specified",
      "try cross-region inference if you're using a foundation model",
    ],
    yieldsTo: [
      'denied_explicit',
      'denied_implicit',
      'denied_principal',
      'marketplace',
      'use_case_form',
      'account_blocked',
      'signature_mismatch',
    ],
    prior: {
      model_access_not_granted: 0.3,
      missing_iam_permission: 0.3,
      explicit_deny: 0.1,
      region_unsupported: 0.1,
      secret_key_mismatch: 0.08,
      wrong_profile_or_env: 0.07,
      account_issue: 0.05,
    },
    priorWhy:
      'The client picks this text when the AWS message or error name contains "access", "denied" or "permission": the ' +
      'AccessDeniedException readings (IAM denials, model access, explicit denies, a region without access) in the ' +
      'shares AWS documents for a bare AccessDenied, plus a wrong secret, whose message asks to check the "Secret ' +
      'Access Key".',
    evidence: ['model_access_hint', 'other_region_works', 'unintended_identity'],
    commands: ['aws sts get-caller-identity'],
  },
  {
    id: 'marketplace',
    meaning:
      'The first call of a third-party model starts an AWS Marketplace subscription; it failed because the caller ' +
      'lacks aws-marketplace:Subscribe / ViewSubscriptions, the payment method is invalid, or it is still pending.',
    doc: 'https://repost.aws/knowledge-center/bedrock-resolve-marketplace-permission',
    wordings: [
      'aws marketplace actions',
      'subscription for this model',
      'denied by marketplace subscription',
      'aws marketplace agreement',
      'mpagreementbeingcreated',
      // EC2's OptInRequired for a Marketplace AMI: "In order to use this AWS Marketplace product you need to accept
      // terms and subscribe. To do so please visit https://aws.amazon.com/marketplace/pp?sku=..." (the same missing
      // subscription, for a product instead of a model).
      'marketplace product you need to accept terms and subscribe',
    ],
    // A denial that names a Marketplace action; an aws-marketplace: action in a pasted policy, or "marketplace
    // subscription" in the person's own words, is not that error.
    // The two actions the subscription needs, named as missing in prose or a log ("aws-marketplace:ViewSubscriptions
    // / Subscribe permission missing"), not as a quoted or listed policy entry nor as one already allowed.
    patterns: [
      /\b(?:perform:? ?|allows? the )aws-marketplace:[a-z]/,
      /(?<!["'\w*:/-])(?<!- )(?<!action: )aws-marketplace:(?:viewsubscriptions|subscribe)\b(?!["'])(?![^.\n]{0,30}\b(?:allowed|granted|enabled|attached|added|included|in place)\b)/,
    ],
    prior: { model_access_not_granted: 0.8, missing_iam_permission: 0.2 },
    priorWhy: 'The Marketplace subscription for the model could not be made by this caller.',
    evidence: ['model_access_hint'],
  },
  {
    id: 'use_case_form',
    meaning: 'FTUFormNotFilled: the Anthropic first-use form was not submitted for the account.',
    doc: ERROR_CODES,
    wordings: [
      'use case details have not been submitted',
      'use case details form',
      'ftuformnotfilled',
      'not filled out the required use-case form',
      'not filled out the required use case form',
    ],
    // Said as missing or as an instruction; "I already filled out the use case form" is the person, not the error.
    patterns: [
      /\b(?:not|never)\b[^.\n]{0,40}\buse[- ]case (?:details )?form\b|\b(?:fill out|complete|submit) the (?:required )?(?:anthropic )?use[- ]case (?:details )?form\b/,
    ],
    codes: ['FTUFormNotFilled'],
    prior: { model_access_not_granted: 0.97, account_issue: 0.03 },
    priorWhy: 'AWS documents FTUFormNotFilled for the missing Anthropic use-case form.',
    evidence: [],
  },
  {
    id: 'legacy_model',
    meaning: 'The model is marked Legacy and the account lost access to it.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html',
    wordings: ['marked by provider as legacy', 'this model is marked as legacy'],
    prior: { model_access_not_granted: 0.7, invalid_model_id: 0.3 },
    priorWhy:
      'AWS documents Legacy models as still served to accounts that used them recently: access lapsed for this ' +
      'account (model_access_not_granted), and moving to an active version (a new id) is the lasting fix.',
    evidence: [],
  },
  {
    id: 'on_demand_unsupported',
    meaning: 'The model can only be invoked through an inference profile (on-demand throughput not supported).',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html',
    wordings: [
      "on-demand throughput isn't supported",
      'on-demand throughput is not supported',
      'with the id or arn of an inference profile',
      "on-demand throughput isn't available",
      // Roo Code's own text for the on-demand ValidationException (src/api/providers/bedrock.ts, ON_DEMAND_NOT_SUPPORTED).
      'try enabling cross-region inference in settings',
      // Flowise's rewrite of it (packages/components/nodes/chatmodels/AWSBedrock/utils.ts, normalizeBedrockError).
      'this model requires a cross-region inference profile',
    ],
    prior: { inference_profile_required: 0.88, region_unsupported: 0.09, invalid_model_id: 0.03 },
    priorWhy:
      'AWS documents the message for models that need an inference profile id or ARN. The user guide also notes ' +
      'that some models are reachable only through cross-Region inference in some Regions and on demand in others, ' +
      'so a call that went to another region than intended is the other fix.',
    evidence: ['model_not_offered_in_region', 'model_profile_only_in_region'],
  },
  {
    id: 'on_demand_not_offered',
    meaning:
      'The pre-2024 wording "The provided model doesn\'t support on-demand throughput": before inference profiles ' +
      'existed it meant the model is not offered on demand in that region (only provisioned throughput there).',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/models-regions.html',
    wordings: [
      "doesn't support on-demand throughput",
      'does not support on-demand throughput',
      // CreateInferenceProfile from a foundation model that is not offered on demand (repost.aws question "Application
      // Inference Profile for Llama 3.2 3B"): the system-defined profile has to be the copyFrom source instead.
      'does not support on demand inference',
    ],
    yieldsTo: ['on_demand_unsupported'],
    prior: { region_unsupported: 0.5, inference_profile_required: 0.35, invalid_model_id: 0.15 },
    priorWhy:
      'This older wording predates inference profiles (August 2024): the model was not offered on demand where it ' +
      'was called, so another region (or, today, an inference profile) is the fix.',
    evidence: [
      'other_region_works',
      'bedrock_not_in_region',
      'model_not_offered_in_region',
      'model_profile_only_in_region',
    ],
  },
  {
    id: 'model_data_retention',
    meaning:
      "The model accepts only some data-retention modes (\"data retention mode 'default' is not available for this " +
      'model"): the account (or its organization) has not opted in to the mode the model requires, a policy gate ' +
      'like model access, not a request the client built wrong.',
    doc: MODEL_ACCESS,
    wordings: ['data retention mode'],
    patterns: [/\bdata retention (?:mode|setting)\b[^.\n]{0,60}\bnot available\b/],
    yieldsTo: ['model_access_denied', 'model_id_invalid'],
    prior: { model_access_not_granted: 0.7, account_issue: 0.15, unknown: 0.15 },
    priorWhy:
      'Models that declare a required data-retention mode are served only to accounts that opted in to it ' +
      '(an account-wide setting, confirmed in binbashar/le-tf-infra-aws#1114 and anomalyco/opencode#31560): the ' +
      'access gate of that model, so model access first; an organization setting the account cannot change next.',
    evidence: ['model_access_hint'],
  },
  {
    id: 'model_end_of_life',
    meaning:
      'The model version reached end of life: Bedrock no longer serves it to anyone, so the id must be replaced by ' +
      'an active version (unlike Legacy, where access lapses for accounts that stopped using it).',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html',
    wordings: [
      'reached the end of its life',
      'has reached end of life',
      'model version has reached the end of its life',
    ],
    prior: { invalid_model_id: 0.8, model_access_not_granted: 0.2 },
    priorWhy: 'AWS documents end-of-life models as no longer available: the id in use is no longer a valid model.',
    evidence: [],
  },
  {
    id: 'prompt_caching_refused',
    meaning:
      'Bedrock refused a request that asks for prompt caching (a `cachePoint` block, `cache_control`) of a model or ' +
      'a region that does not offer it, or with more cache checkpoints than the model allows: "You invoked an ' +
      'unsupported model or your request did not allow prompt caching". The model id itself is valid.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html',
    wordings: [
      'your request did not allow prompt caching',
      // As pasted cut short: "You invoked an unsupported model or your request did not allow prompt".
      'you invoked an unsupported model or your request did not allow',
      'prompt caching is not supported',
      'does not support prompt caching',
    ],
    prior: { unknown: 0.6, region_unsupported: 0.25, invalid_model_id: 0.15 },
    priorWhy:
      'AWS documents prompt caching for some models and regions only: a client that adds cache checkpoints to every ' +
      'request (or too many of them) is refused for the others, which is a client setting, not access; the same model ' +
      'in a region without caching, or a wrong id, are the rarer readings.',
    evidence: ['model_not_offered_in_region', 'other_region_works'],
  },
  {
    id: 'model_id_invalid',
    meaning:
      'Bedrock does not know the model identifier in that region ("The provided model identifier is invalid", a ' +
      "modelId that fails the id pattern): a friendly alias, another provider's id, a wrong version suffix, or a " +
      'valid id not offered in the region called.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html',
    wordings: [
      'provided model identifier is invalid',
      'model identifier is invalid',
      'could not resolve the foundation model',
      'the requested model was not found',
      'you invoked an unsupported model',
      "doesn't support the model that you provided",
      'does not support the model that you provided',
      'must be a valid inference profile',
      'must be a valid model',
      // Rerank and other model-ARN APIs: "The provided model ARN for reranking is invalid. Please, use a valid model ARN."
      'use a valid model arn',
      // Roo Code (src/api/providers/bedrock.ts): its own text for AWS's "not found" / "does not exist".
      'the specified arn does not exist or is invalid',
      // bedrock-access-gateway (src/api/models/bedrock.py, src/api/routers/model.py): a model id it does not list.
      'please use models api to get a list of supported models',
      'unsupported model id',
      // Dify's Bedrock plugin (models/bedrock/models/llm/llm.py): cross-region picked for a model with no profile.
      "doesn't support cross-region inference",
    ],
    patterns: [
      // "Value '...' at 'modelId' / '...modelArn' failed to satisfy constraint": the id fails Bedrock's id pattern.
      /at '[a-z.]{0,120}model(?:id|arn|identifier)' failed to satisfy constraint/,
      // Bedrock Mantle answers in the OpenAI shape: "The model 'xai.grok-4.6' does not exist".
      // A gateway may send the id behind a region or a route (`'us-gov-west-1/xai.grok-4.3'`): still a wrong id.
      /\bthe model [`'"](?:[a-z0-9-]{2,30}\/)?[a-z0-9-]{2,40}\.[^`'"]{1,120}[`'"] does not exist\b/,
      // ... and for a model its route does not serve: "model `xai.grok-4.3` isn't supported on this route".
      /\bmodel [`'"]?[a-z0-9-]{2,40}\.[^\s`'"]{1,120}[`'"]? (?:isn't|is not|isn’t) supported on this route\b/,
      /\bprovided model arn\b[^.\n]{0,40}\bis invalid\b/,
      // Dify's Bedrock plugin (models/bedrock/utils/inference_profile.py): GetInferenceProfile answered ResourceNotFound;
      // Bedrock's own ResourceNotFoundException for an inference-profile id or ARN it does not know (a wrong version
      // suffix, a geography prefix not offered there): "The specified inference profile arn:... does not exist."
      // (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html lists the valid ids).
      /\binference profile [^\s]{1,200} (?:not found|does not exist)\b/,
    ],
    codes: [{ code: 'ResourceNotFoundException', when: /\bmodel\b/ }],
    codeYieldsTo: [
      'legacy_model',
      'model_end_of_life',
      'use_case_form',
      'on_demand_unsupported',
      'on_demand_not_offered',
      'model_access_denied',
      'account_blocked',
    ],
    yieldsTo: [
      'on_demand_unsupported',
      'on_demand_not_offered',
      'legacy_model',
      'model_end_of_life',
      'prompt_caching_refused',
    ],
    prior: { invalid_model_id: 0.62, region_unsupported: 0.33, inference_profile_required: 0.05 },
    priorWhy:
      'The message does not echo the id: friendly aliases and non-Bedrock ids are the most common, but the same ' +
      'text comes back for a valid id in a region that does not offer the model.',
    evidence: [
      'other_region_works',
      'model_region_mismatch',
      'bedrock_not_in_region',
      'model_not_offered_in_region',
      'model_profile_only_in_region',
      'model_on_demand_in_region',
    ],
    commands: ['aws bedrock list-foundation-models --query "modelSummaries[].modelId"'],
  },
];
