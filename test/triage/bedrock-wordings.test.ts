/**
 * Bedrock wording audit: what AWS answers around Bedrock (its documentation, its knowledge-center pages, threads that
 * quote the service) and what the tools in front of it print instead (read in their source), each message checked
 * with the cause(s) it stands for. One row a message: the text as the source prints it (placeholders filled with
 * example values), where it comes from, and the expected first cause or the causes that must be in the first three.
 * A row fails when the wording (or the family) it relies on is taken out. Tool messages that say the error never
 * reached AWS also name who sent it.
 */
import { describe, expect, it } from 'vitest';
import { type ExpectedCauses, expectCauses } from './expect-causes.js';

interface Row extends ExpectedCauses {
  message: string;
  /** Repository and path, or documentation address, the message was read in. */
  source: string;
  /** Part of the "Not an AWS error" finding: who sent it. */
  sender?: string;
}

const ROWS: readonly Row[] = [
  // --- AWS: Bedrock service answers -------------------------------------------------------------------------------
  {
    // https://repost.aws/knowledge-center/bedrock-invokemodel-api-error ("Model access errors")
    message:
      'An error occurred (AccessDeniedException) when calling the InvokeModel operation: Your account is not authorized to invoke this API operation.',
    source: 'repost.aws knowledge-center bedrock-invokemodel-api-error',
    first: 'model_access_not_granted',
    top3: ['region_unsupported'],
  },
  {
    // https://repost.aws/knowledge-center/bedrock-invokemodel-api-error ("Model access errors")
    message:
      "An error occurred (AccessDeniedException) when calling the InvokeModel operation: You don't have access to the model with the specified model ID.",
    source: 'repost.aws knowledge-center bedrock-invokemodel-api-error',
    first: 'model_access_not_granted',
    top3: ['region_unsupported'],
  },
  {
    // https://repost.aws/knowledge-center/bedrock-invokemodel-api-error ("IAM permissions errors")
    message:
      'AccessDeniedException: An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: arn:aws:iam::111122223333:user/dev is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0 with an explicit deny in an identity-based policy',
    source: 'repost.aws knowledge-center bedrock-invokemodel-api-error',
    first: 'explicit_deny',
  },
  {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html (enhanced messages naming the
    // policy type); the Bedrock Agents thread awslabs/amazon-bedrock-samples#212 quotes it for bedrock:Retrieve.
    message:
      "EventStreamError('An error occurred (accessDeniedException) when calling the InvokeAgent operation: User: arn:aws:sts::864675421752:assumed-role/AmazonBedrockExecutionRoleForAgents_banking-assistant1q/BedrockAgentRetrieveSession-FLYBLH8XV1 is not authorized to perform: bedrock:Retrieve on resource: arn:aws:bedrock:us-west-2:864675421752:knowledge-base/FLYBLH8XV1 because no identity-based policy allows the bedrock:Retrieve action')",
    source: 'aws-samples/amazon-bedrock-samples#212',
    first: 'missing_iam_permission',
  },
  {
    // /work/shared/reference/bedrock-2025-2026.md 1.3 (classmethod): a global profile routed to a region an SCP denies.
    message:
      'User: arn:aws:sts::111122223333:assumed-role/user_role is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-opus-4-6-v1 with an explicit deny in a service control policy: arn:aws:organizations::000000000000:policy/o-abc/service_control_policy/p-abc',
    source: 'tinovyatkin/amazon-bedrock-copilot-chat#396',
    first: 'explicit_deny',
  },
  {
    // ministryofjustice/modernisation-platform-environments#18323 quotes Bedrock's Marketplace answer through LiteLLM;
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html documents the prerequisites.
    message:
      'litellm.APIConnectionError: BedrockException - {"message":"Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 5 minutes."}',
    source: 'ministryofjustice/modernisation-platform-environments#18323',
    first: 'model_access_not_granted',
    top3: ['missing_iam_permission'],
  },
  {
    // BerriAI/litellm#30200: Claude Platform on AWS's permission_error quoting the IAM clause without "because"
    // (LiteLLM's OIDC session policy, litellm/llms/bedrock/base_aws_llm.py, lacked aws-external-anthropic actions).
    message: '403 `permission_error` — `no session policy allows the aws-external-anthropic:CreateInference action`',
    source: 'BerriAI/litellm#30200',
    first: 'missing_iam_permission',
  },
  {
    // https://repost.aws/knowledge-center/bedrock-resolve-marketplace-permission (second message it lists; also seen
    // in knowledge base data syncs and Agent invocations).
    message:
      'AccessDeniedException: Model access is denied due to arn:aws:iam::111122223333:role/kb-sync is not authorized to perform: aws-marketplace:Subscribe on resource: * because no identity-based policy allows the action.',
    source: 'repost.aws knowledge-center bedrock-resolve-marketplace-permission',
    first: 'model_access_not_granted',
    top3: ['missing_iam_permission'],
  },
  {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html: the policy types an enhanced
    // message names (shared/reference/bedrock-2025-2026.md 1.5 lists RCPs, boundaries, session and VPC endpoint policies).
    message:
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 with an explicit deny in a resource control policy',
    source: 'IAM user guide troubleshoot_access-denied',
    first: 'explicit_deny',
  },
  {
    message:
      'User: arn:aws:sts::123456789012:assumed-role/app/s1 is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 with an explicit deny in a VPC endpoint policy',
    source: 'IAM user guide troubleshoot_access-denied',
    first: 'explicit_deny',
  },
  {
    message:
      'User: arn:aws:sts::123456789012:assumed-role/app/s1 is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 because no session policy allows the bedrock:InvokeModelWithResponseStream action',
    source: 'IAM user guide troubleshoot_access-denied',
    first: 'missing_iam_permission',
  },
  {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html (FTUFormNotFilled)
    message: 'FTUFormNotFilled: Model use case details have not been submitted for this account',
    source: 'Bedrock user guide troubleshooting-api-error-codes',
    first: 'model_access_not_granted',
  },
  {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html (BadCScoreException)
    message: 'BadCScoreException: Your account is not authorized to access this model',
    source: 'Bedrock user guide troubleshooting-api-error-codes',
    first: 'account_issue',
  },
  {
    // coder/code-server#7959 quotes Bedrock's answer to a managed prompt ARN used as modelId.
    message:
      'AccessDeniedException: Your account is not authorized to invoke this API operation with a prompt resource.',
    source: 'coder/code-server#7959',
    first: 'model_access_not_granted',
  },
  {
    // awslabs/amazon-bedrock-agent-samples#161: InvokeAgent's denial that names no action.
    message:
      "Exception: ('Unexpected exception: ', EventStreamError('An error occurred (accessDeniedException) when calling the InvokeAgent operation: Access denied when calling Bedrock. Check your request permissions and retry the request.'))",
    source: 'awslabs/amazon-bedrock-agent-samples#161',
    first: 'missing_iam_permission',
  },
  {
    // Same text without the error code, as a chat client shows it.
    message: 'Access denied when calling Bedrock. Check your request permissions and retry the request.',
    source: 'awslabs/amazon-bedrock-agent-samples#161',
    first: 'missing_iam_permission',
  },
  {
    // strands-agents/docs#102 (Bedrock troubleshooting) and the user guide's inference-profiles-support page.
    message:
      'An error occurred (ValidationException) when calling the Converse operation: Invocation of model ID amazon.nova-micro-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
    source: 'strands-agents/docs#102; zenn.dev/waaani/articles/aws-bedrock-memo',
    first: 'inference_profile_required',
  },
  {
    // repost.aws question "Application Inference Profile for Llama 3.2 3B": CreateInferenceProfile from a model not
    // offered on demand.
    message: 'ValidationException: The provided foundation model does not support On Demand inference.',
    source: 'repost.aws/questions/QUS0iXq3nLQdmbE4OtB9urZw',
    top3: ['region_unsupported', 'inference_profile_required'],
  },
  {
    // opensearch-project/ml-commons#3352: the Rerank API's denial for a rerank model not offered in the region.
    message: 'Error from remote service: {"message":"You are not authorized to invoke the Rerank operation."}',
    source: 'opensearch-project/ml-commons#3352',
    top3: ['model_access_not_granted', 'region_unsupported'],
  },
  {
    // aws-samples/dify-aws-tool#141: Rerank with a model ARN of another region than the client's.
    message: 'Reranking does not support cross-region calls. Please provide a valid model ARN.',
    source: 'aws-samples/dify-aws-tool#141',
    first: 'region_unsupported',
  },
  {
    // aws-samples/generative-ai-use-cases#1327: AgentCore Runtime creation needs iam:CreateServiceLinkedRole.
    message:
      'Failed creating service linked role. Please verify that the calling role has sufficient permissions to create a service linked role.',
    source: 'aws-samples/generative-ai-use-cases#1327',
    first: 'missing_iam_permission',
  },
  {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html; taxonomy invalid_model_id.
    message: 'ValidationException: The provided model identifier is invalid.',
    source: 'Bedrock user guide models-supported',
    first: 'invalid_model_id',
    top3: ['region_unsupported'],
  },
  {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html (end of life)
    message:
      'ResourceNotFoundException: This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
    source: 'Bedrock user guide model-lifecycle',
    first: 'invalid_model_id',
  },
  {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html; not an auth problem.
    message: 'ThrottlingException: Too many requests, please wait before trying again.',
    source: 'Bedrock user guide troubleshooting-api-error-codes',
    first: 'unknown',
  },
  {
    // botocore AgentsforBedrockRuntime.Client.exceptions.ModelNotReadyException (docs.aws.amazon.com/botocore).
    message: 'ModelNotReadyException: Model is not ready to serve inference requests',
    source: 'botocore reference bedrock-agent-runtime ModelNotReadyException',
    first: 'unknown',
  },
  {
    // /work/shared/reference/bedrock-2025-2026.md 1.1 (open-science#53, opencode#47073): Bedrock API keys.
    message: 'Forbidden: {"Message":"Authentication failed: Please make sure your API Key is valid."}',
    source: 'ai4s-research/open-science#53',
    first: 'bedrock_api_key',
    top3: ['region_unsupported'],
  },
  // --- Tools that rewrap the AWS error ----------------------------------------------------------------------------
  {
    // RooCodeInc/Roo-Code src/api/providers/bedrock.ts ERROR_TYPES.ACCESS_DENIED: replaces any message with
    // "access", "denied" or "permission" (AccessDeniedException of every kind, "Check your AWS Secret Access Key").
    message:
      "Error: You don't have access to the model specified.\n\nPlease verify:\n1. Try cross-region inference if you're using a foundation model\n2. If using an ARN, verify the ARN is correct and points to a valid model\n3. Your AWS credentials have permission to access this model (check IAM policies)\n4. The region in the ARN matches the region where the model is deployed\n5. If using a provisioned model, ensure it's active and not in a failed state",
    source: 'RooCodeInc/Roo-Code src/api/providers/bedrock.ts',
    top3: ['model_access_not_granted', 'missing_iam_permission'],
  },
  {
    // RooCodeInc/Roo-Code src/api/providers/bedrock.ts ERROR_TYPES.NOT_FOUND.
    message:
      'Error: The specified ARN does not exist or is invalid. Please check:\n\n1. The ARN format is correct (arn:aws:bedrock:region:account-id:resource-type/resource-name)\n2. The model exists in the specified region\n3. The account ID in the ARN is correct',
    source: 'RooCodeInc/Roo-Code src/api/providers/bedrock.ts',
    first: 'invalid_model_id',
    top3: ['region_unsupported'],
  },
  {
    // RooCodeInc/Roo-Code src/api/providers/bedrock.ts ERROR_TYPES.ON_DEMAND_NOT_SUPPORTED.
    message:
      'Error: \n1. Try enabling cross-region inference in settings.\n2. Or, create an inference profile and then leverage the "Use custom ARN..." option of the model selector in settings.',
    source: 'RooCodeInc/Roo-Code src/api/providers/bedrock.ts',
    first: 'inference_profile_required',
  },
  {
    // RooCodeInc/Roo-Code src/api/providers/bedrock.ts ERROR_TYPES.TOO_MANY_TOKENS: hides whether it was the daily
    // token quota (an account limit) or a throttle / context overrun.
    message:
      'Error: "Too many tokens" error detected.\nPossible Causes:\n1. Input exceeds model\'s context window limit\n2. Rate limiting (too many tokens per minute)\n3. Quota exceeded for token usage\n4. Other token-related service limitations',
    source: 'RooCodeInc/Roo-Code src/api/providers/bedrock.ts',
    first: 'unknown',
    top3: ['account_issue'],
  },
  {
    // RooCodeInc/Roo-Code src/api/providers/bedrock.ts ERROR_TYPES.THROTTLING: not an authentication problem.
    message:
      'Error: Request was throttled or rate limited. Please try:\n1. Reducing the frequency of requests\n2. If using a provisioned model, check its throughput settings\n3. Contact AWS support to request a quota increase if needed',
    source: 'RooCodeInc/Roo-Code src/api/providers/bedrock.ts',
    first: 'unknown',
  },
  {
    // RooCodeInc/Roo-Code src/api/providers/bedrock.ts ERROR_TYPES.INVALID_ARN_FORMAT (its own ARN parser).
    message:
      'Error: Invalid ARN format. ARN should follow the pattern: arn:aws:bedrock:region:account-id:resource-type/resource-name',
    source: 'RooCodeInc/Roo-Code src/api/providers/bedrock.ts',
    top3: ['unknown', 'invalid_model_id'],
    sender: 'Roo Code',
  },
  {
    // FlowiseAI/Flowise packages/components/nodes/chatmodels/AWSBedrock/AWSChatBedrock.ts (its own ARN check).
    message:
      'Error: "claude-sonnet-4" is not a valid ARN. The "Custom Model ARN" field requires a full Bedrock ARN (e.g. arn:aws:bedrock:us-east-1:123456789000:imported-model/my-model). For built-in models, use the "Model Name" dropdown instead.',
    source: 'FlowiseAI/Flowise packages/components/nodes/chatmodels/AWSBedrock/AWSChatBedrock.ts',
    top3: ['unknown', 'invalid_model_id'],
    sender: 'Flowise',
  },
  {
    // sst/opencode packages/opencode/src/provider/provider.ts (ModelNotFoundError = "ProviderModelNotFoundError").
    message: 'ProviderModelNotFoundError: Model not found: amazon-bedrock/anthropic.claude-sonnet-4-9',
    source: 'sst/opencode packages/opencode/src/provider/provider.ts',
    top3: ['unknown', 'invalid_model_id'],
    sender: 'opencode',
  },
  {
    // FlowiseAI/Flowise packages/components/nodes/chatmodels/AWSBedrock/utils.ts normalizeBedrockError, shown here
    // without the original error it appends.
    message:
      'Error: This model requires a cross-region inference profile. The system attempted to auto-apply one but none was available in this region. For built-in models, select the model from the "Model Name" dropdown and choose a supported region.',
    source: 'FlowiseAI/Flowise packages/components/nodes/chatmodels/AWSBedrock/utils.ts',
    first: 'inference_profile_required',
  },
  {
    // BerriAI/litellm litellm/llms/bedrock.py init_bedrock_client, surfaced through LiteLLM's exception mapping.
    message:
      'litellm.AuthenticationError: BedrockException - AWS region not set: set AWS_REGION_NAME or AWS_REGION env variable or in .env file',
    source: 'BerriAI/litellm litellm/llms/bedrock.py',
    first: 'region_unsupported',
  },
  {
    // BerriAI/litellm litellm/llms/bedrock.py init_bedrock_client (aws_web_identity_token from its secret manager).
    message: 'BedrockException - OIDC token could not be retrieved from secret manager.',
    source: 'BerriAI/litellm litellm/llms/bedrock.py',
    first: 'wrong_profile_or_env',
  },
  {
    // langchain-ai/langchain-aws libs/aws/langchain_aws/utils.py create_aws_client (BotoCoreError at client creation).
    message:
      'ValueError: Could not load credentials to authenticate with AWS client. Please check that the specified profile name and/or its credentials are valid. Service error: The config profile (dev) could not be found',
    source: 'langchain-ai/langchain-aws libs/aws/langchain_aws/utils.py',
    first: 'wrong_profile_or_env',
  },
  {
    // langchain-ai/langchain-aws libs/aws/langchain_aws/utils.py create_aws_client (half a key pair).
    message:
      'ValueError: If providing credentials, both aws_access_key_id and aws_secret_access_key must be specified.',
    source: 'langchain-ai/langchain-aws libs/aws/langchain_aws/utils.py',
    first: 'wrong_profile_or_env',
  },
  {
    // langchain-ai/langchain-aws libs/aws/langchain_aws/chat_models/bedrock_converse.py _parse_response.
    message:
      "ValueError: No 'output' key found in the response from the Bedrock Converse API. This usually happens due to misconfiguration of endpoint or region, ensure that you are using valid values for endpoint_url (on AWS this starts with bedrock-runtime), see: https://docs.aws.amazon.com/general/latest/gr/bedrock.html",
    source: 'langchain-ai/langchain-aws libs/aws/langchain_aws/chat_models/bedrock_converse.py',
    top3: ['unknown', 'region_unsupported'],
  },
  {
    // langchain-ai/langchainjs libs/providers/langchain-aws/src/chat_models.ts (ChatBedrockConverse constructor).
    message:
      'Error: Please set the AWS_DEFAULT_REGION environment variable or pass it to the constructor as the region field.',
    source: 'langchain-ai/langchainjs libs/providers/langchain-aws/src/chat_models.ts',
    first: 'region_unsupported',
  },
  {
    // langchain-ai/langchainjs libs/providers/langchain-aws/src/retrievers/kendra.ts.
    message: 'Error: Please pass regionName field to the constructor!',
    source: 'langchain-ai/langchainjs libs/providers/langchain-aws/src/retrievers/kendra.ts',
    first: 'region_unsupported',
  },
  {
    // vercel/ai packages/provider-utils/src/load-setting.ts via packages/amazon-bedrock/src/amazon-bedrock-provider.ts.
    message:
      "AI_LoadSettingError: AWS region setting is missing. Pass it using the 'region' parameter or the AWS_REGION environment variable.",
    source: 'vercel/ai packages/amazon-bedrock/src/amazon-bedrock-provider.ts',
    first: 'region_unsupported',
  },
  {
    // vercel/ai packages/amazon-bedrock/src/amazon-bedrock-provider.ts (SigV4 without keys).
    message:
      "AWS SigV4 authentication requires AWS credentials. Please provide either:\n1. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables\n2. Provide accessKeyId and secretAccessKey in options\n3. Use a credentialProvider function\n4. Use API key authentication with AWS_BEARER_TOKEN_BEDROCK or apiKey option\nOriginal error: AWS access key ID setting is missing. Pass it using the 'accessKeyId' parameter or the AWS_ACCESS_KEY_ID environment variable.",
    source: 'vercel/ai packages/amazon-bedrock/src/amazon-bedrock-provider.ts',
    first: 'wrong_profile_or_env',
    top3: ['bedrock_api_key'],
  },
  {
    // anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/client.ts (no region for SigV4).
    message:
      'Error: Expected `awsRegion` option to be passed to the client or the `AWS_REGION` environment variable to be present',
    source: 'anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/client.ts',
    first: 'region_unsupported',
  },
  {
    // anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/mantle-client.ts.
    message:
      'AnthropicError: No AWS region or base URL found. Set `awsRegion` in the constructor, the `AWS_REGION` / `AWS_DEFAULT_REGION` environment variable, or provide a `baseURL` / `ANTHROPIC_BEDROCK_MANTLE_BASE_URL` environment variable.',
    source: 'anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/mantle-client.ts',
    first: 'region_unsupported',
  },
  {
    // anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/mantle-client.ts.
    message:
      'AnthropicError: No AWS region found. Set `awsRegion` in the constructor or the `AWS_REGION` / `AWS_DEFAULT_REGION` environment variable.',
    source: 'anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/mantle-client.ts',
    first: 'region_unsupported',
  },
  {
    // anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/mantle-client.ts, packages/aws-sdk/src/client.ts.
    message:
      'AnthropicError: `awsAccessKey` and `awsSecretAccessKey` must be provided together. You provided only one.',
    source: 'anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/mantle-client.ts',
    first: 'wrong_profile_or_env',
  },
  {
    // anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/core/auth.ts (provider chain rejected).
    message: 'APIConnectionError: Failed to resolve AWS credentials from the credential provider chain.',
    source: 'anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/core/auth.ts',
    first: 'wrong_profile_or_env',
  },
  {
    // The LiteLLM proxy's 401 for a virtual key whose allowlist lacks the model (type key_model_access_denied), as
    // public deployment notes quote it; the check is BerriAI/litellm litellm/proxy/auth/auth_checks.py.
    message:
      '{"error":{"message":"key not allowed to access model. This key can only access models=[\'ssw-low-cost\']. Tried to access bedrock-claude","type":"key_model_access_denied","code":"401"}}',
    source: 'BerriAI/litellm litellm/proxy/auth/auth_checks.py',
    first: 'unknown',
    sender: 'LiteLLM',
  },
  {
    // BerriAI/litellm litellm/proxy/auth/auth_checks.py can_key_call_model (older wording of the same check).
    message:
      "API Key not allowed to access model. This token can only access models=['gpt-4o']. Tried to access bedrock/anthropic.claude-3-haiku-20240307-v1:0",
    source: 'BerriAI/litellm litellm/proxy/auth/auth_checks.py',
    first: 'unknown',
    sender: 'LiteLLM',
  },
  {
    // BerriAI/litellm go-proxy internal BudgetExceededError.Error() (the proxy's per-key budget), not Bedrock.
    message: '{"error":{"message":"Budget has been exceeded! Current cost: 1.35e-05, Max budget: 0.0"}}',
    source: 'BerriAI/litellm go-proxy BudgetExceededError',
    first: 'unknown',
    sender: 'LiteLLM',
  },
  {
    // anthropics/claude-code#4208 / #46277: Claude Code billed on the Anthropic API, not on Bedrock.
    message: 'Credit balance too low · Add funds: https://platform.claude.com/settings/billing',
    source: 'anthropics/claude-code#46277',
    first: 'unknown',
    sender: "Anthropic's API",
  },
  {
    // Claude Code on its claude.ai login (quoted in public transcripts: "Failed to authenticate. API Error: 401 ...").
    message: 'OAuth token has expired. Please obtain a new token or refresh your existing token.',
    source: 'Claude Code transcripts (Failed to authenticate. API Error: 401)',
    first: 'unknown',
    sender: 'Claude Code',
  },
  {
    // aws-samples/bedrock-access-gateway src/api/auth.py: the gateway's own API key, FastAPI's {"detail": ...}.
    message: '401 {"detail":"Invalid API Key"}',
    source: 'aws-samples/bedrock-access-gateway src/api/auth.py',
    first: 'unknown',
    sender: 'Bedrock Access Gateway',
  },
  {
    // aws-samples/bedrock-access-gateway src/api/auth.py at start-up.
    message: 'RuntimeError: API Key is not configured. Please set up your API Key.',
    source: 'aws-samples/bedrock-access-gateway src/api/auth.py',
    first: 'unknown',
    sender: 'Bedrock Access Gateway',
  },
  {
    // aws-samples/bedrock-access-gateway src/api/models/bedrock.py validate().
    message: '{"detail":"Unsupported model claude-3-sonnet, please use models API to get a list of supported models"}',
    source: 'aws-samples/bedrock-access-gateway src/api/models/bedrock.py',
    first: 'invalid_model_id',
    top3: ['region_unsupported'],
  },
  {
    // aws-samples/bedrock-access-gateway src/api/routers/model.py.
    message: '{"detail":"Unsupported Model Id"}',
    source: 'aws-samples/bedrock-access-gateway src/api/routers/model.py',
    first: 'invalid_model_id',
  },
  {
    // strands-agents/sdk-python src/strands/models/bedrock.py _get_default_model_with_warning.
    message:
      'This region ca-central-1 does not support our default inference endpoint: ca.anthropic.claude-sonnet-4-20250514-v1:0.',
    source: 'strands-agents/sdk-python src/strands/models/bedrock.py',
    first: 'region_unsupported',
  },
  {
    // langgenius/dify-official-plugins models/bedrock/utils/inference_profile.py validate_inference_profile.
    message:
      'CredentialsValidateFailedError: Access denied to inference profile us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    source: 'langgenius/dify-official-plugins models/bedrock/utils/inference_profile.py',
    first: 'missing_iam_permission',
  },
  {
    // langgenius/dify-official-plugins models/bedrock/utils/inference_profile.py validate_inference_profile.
    message: 'CredentialsValidateFailedError: Inference profile us.anthropic.claude-3-7-sonnet-v1:0 not found',
    source: 'langgenius/dify-official-plugins models/bedrock/utils/inference_profile.py',
    first: 'invalid_model_id',
  },
  {
    // langgenius/dify-official-plugins models/bedrock/provider/get_bedrock_client.py.
    message: 'InvokeBadRequestError: aws_region is required',
    source: 'langgenius/dify-official-plugins models/bedrock/provider/get_bedrock_client.py',
    first: 'region_unsupported',
  },
  {
    // langgenius/dify-official-plugins models/bedrock/provider/get_bedrock_client.py.
    message: 'InvokeBadRequestError: bedrock_api_key is required when using API Key authentication',
    source: 'langgenius/dify-official-plugins models/bedrock/provider/get_bedrock_client.py',
    first: 'bedrock_api_key',
  },
  {
    // langgenius/dify-official-plugins models/bedrock/models/llm/llm.py validate_credentials.
    message: 'CredentialsValidateFailedError: Invalid or incomplete credentials for auth_method: Access_Secret_Key',
    source: 'langgenius/dify-official-plugins models/bedrock/models/llm/llm.py',
    first: 'wrong_profile_or_env',
  },
  {
    // langgenius/dify-official-plugins models/bedrock/models/llm/llm.py (_generate, cross-region whitelist).
    message: "InvokeError: Model anthropic.claude-v2 doesn't support cross-region inference",
    source: 'langgenius/dify-official-plugins models/bedrock/models/llm/llm.py',
    first: 'invalid_model_id',
  },
  {
    // langgenius/dify-official-plugins models/bedrock/models/llm/llm.py (_generate, no geo prefix for the region).
    message: 'InvokeError: Failed to get cross-region inference prefix for region sa-east-1',
    source: 'langgenius/dify-official-plugins models/bedrock/models/llm/llm.py',
    first: 'region_unsupported',
  },
  {
    // BerriAI/litellm litellm/llms/bedrock/base_aws_llm.py _validate_aws_region_name.
    message:
      "ValueError: Invalid AWS region format: 'US East (N. Virginia)'. Region names must contain only lowercase letters, digits, and hyphens.",
    source: 'BerriAI/litellm litellm/llms/bedrock/base_aws_llm.py',
    first: 'region_unsupported',
  },
  {
    // danny-avila/LibreChat packages/api/src/endpoints/bedrock/credentials.ts (user-provided keys not stored).
    message: 'Error: Bedrock credentials not provided. Please provide them again.',
    source: 'danny-avila/LibreChat packages/api/src/endpoints/bedrock/credentials.ts',
    first: 'wrong_profile_or_env',
  },
  {
    // danny-avila/LibreChat packages/api/src/endpoints/bedrock/credentials.ts (half a key pair in the environment).
    message: 'Error: Both BEDROCK_AWS_ACCESS_KEY_ID and BEDROCK_AWS_SECRET_ACCESS_KEY must be provided together.',
    source: 'danny-avila/LibreChat packages/api/src/endpoints/bedrock/credentials.ts',
    first: 'wrong_profile_or_env',
  },
  {
    // NousResearch/hermes-agent#87190: Bedrock Mantle's OpenAI-shaped answer to a bearer value that is no Bedrock key.
    message: "401 - {'error': {'code': 'invalid_api_key', 'message': 'Invalid bearer token'}}",
    source: 'NousResearch/hermes-agent#87190',
    first: 'bedrock_api_key',
  },
  {
    // block/goose crates/goose/src/providers/bedrock.rs create_client_with_credentials: its SSO hint follows every
    // credential failure, so it is not an expired SSO session by itself.
    message:
      "Failed to load AWS credentials: the credential provider was not enabled. Make sure to run 'aws sso login --profile <your-profile>' if using SSO",
    source: 'block/goose crates/goose/src/providers/bedrock.rs',
    first: 'wrong_profile_or_env',
  },
  {
    // block/goose crates/goose/src/providers/bedrock.rs from_env (bearer token without a region).
    message:
      'Error: AWS region is required when using AWS_BEARER_TOKEN_BEDROCK authentication. Set AWS_REGION, AWS_DEFAULT_REGION, or configure region in your AWS profile.',
    source: 'block/goose crates/goose/src/providers/bedrock.rs',
    first: 'region_unsupported',
  },
  {
    // block/goose crates/goose/src/providers/bedrock.rs converse (Rust Debug of the SDK error kept).
    message:
      'Authentication failed: Failed to call Bedrock: AccessDeniedException(AccessDeniedException { message: Some("You don\'t have access to the model with the specified model ID."), meta: ErrorMetadata { code: Some("AccessDeniedException") } })',
    source: 'block/goose crates/goose/src/providers/bedrock.rs',
    first: 'model_access_not_granted',
  },
  {
    // openai/codex codex-rs/aws-auth/src/lib.rs AwsAuthError::MissingCredentialsProvider (was an empty answer).
    message: 'AWS SDK config did not resolve a credentials provider',
    source: 'openai/codex codex-rs/aws-auth/src/lib.rs',
    first: 'wrong_profile_or_env',
  },
  {
    // openai/codex codex-rs/aws-auth/src/lib.rs AwsAuthError::MissingRegion (was an empty answer).
    message: 'AWS SDK config did not resolve a region',
    source: 'openai/codex codex-rs/aws-auth/src/lib.rs',
    first: 'region_unsupported',
  },
  {
    // openai/codex codex-rs/aws-auth/src/lib.rs region_from_bedrock_bearer_token.
    message: 'Amazon Bedrock bearer token is invalid: missing bedrock-api-key prefix',
    source: 'openai/codex codex-rs/aws-auth/src/lib.rs',
    first: 'bedrock_api_key',
  },
  {
    // aws-samples/generative-ai-use-cases packages/cdk/lambda/utils/bedrockApi.ts: its text for every
    // AccessDeniedException (IAM denials included) and, in bedrockKbApi.ts, DependencyFailedException.
    message:
      'The selected model is not enabled. Please enable the model in the [Bedrock console Model Access screen](https://us-east-1.console.aws.amazon.com/bedrock/home?region=us-east-1#/modelaccess).',
    source: 'aws-samples/generative-ai-use-cases packages/cdk/lambda/utils/bedrockApi.ts',
    first: 'model_access_not_granted',
    top3: ['missing_iam_permission'],
  },
  {
    // aws-samples/generative-ai-use-cases packages/cdk/lambda/utils/bedrockApi.ts: Throttling / ServiceQuotaExceeded
    // (was an empty answer).
    message: 'The server is currently experiencing high access. Please try again later.',
    source: 'aws-samples/generative-ai-use-cases packages/cdk/lambda/utils/bedrockApi.ts',
    first: 'unknown',
  },
  {
    // tinovyatkin/amazon-bedrock-copilot-chat src/bedrock-client.ts ListFoundationModelsDeniedError (an AccessDenied on
    // bedrock:ListFoundationModels; no model access involved).
    message: 'ListFoundationModelsDeniedError: ListFoundationModelsAccessDenied',
    source: 'tinovyatkin/amazon-bedrock-copilot-chat src/bedrock-client.ts',
    first: 'missing_iam_permission',
    top3: ['explicit_deny'],
  },
  {
    // tinovyatkin/amazon-bedrock-copilot-chat src/provider.ts (its prompt after that denial).
    message: 'Model listing is blocked by AWS permissions. Enter a Bedrock model ID or inference profile ID to use.',
    source: 'tinovyatkin/amazon-bedrock-copilot-chat src/provider.ts',
    first: 'missing_iam_permission',
  },
  {
    // tinovyatkin/amazon-bedrock-copilot-chat src/provider.ts (no authentication configured).
    message: 'Error: AWS Bedrock authentication not configured',
    source: 'tinovyatkin/amazon-bedrock-copilot-chat src/provider.ts',
    first: 'wrong_profile_or_env',
  },
  {
    // Mintplex-Labs/anything-llm server/utils/AiProviders/bedrock/index.js (AWS_BEDROCK_LLM_ACCESS_KEY_ID unset).
    message: 'Error: No AWS Bedrock LLM profile id was set.',
    source: 'Mintplex-Labs/anything-llm server/utils/AiProviders/bedrock/index.js',
    first: 'wrong_profile_or_env',
  },
  {
    // Mintplex-Labs/anything-llm server/utils/AiProviders/bedrock/index.js (AWS_BEDROCK_LLM_REGION unset).
    message: 'Error: No AWS Bedrock LLM region was set.',
    source: 'Mintplex-Labs/anything-llm server/utils/AiProviders/bedrock/index.js',
    first: 'region_unsupported',
  },
  {
    // deepset-ai/haystack-core-integrations integrations/amazon_bedrock/.../chat/chat_generator.py (client creation).
    message:
      'AmazonBedrockConfigurationError: Could not connect to Amazon Bedrock. Make sure the AWS environment is configured correctly. See https://boto3.amazonaws.com/v1/documentation/api/latest/guide/quickstart.html#configuration',
    source: 'deepset-ai/haystack-core-integrations integrations/amazon_bedrock chat_generator.py',
    top3: ['region_unsupported', 'wrong_profile_or_env'],
  },
  {
    // deepset-ai/haystack-core-integrations integrations/amazon_bedrock/.../common/amazon_bedrock/utils.py.
    message:
      "AWSConfigurationError: Failed to initialize the session with provided AWS credentials {'aws_profile_name': 'dev'}",
    source: 'deepset-ai/haystack-core-integrations integrations/amazon_bedrock common/amazon_bedrock/utils.py',
    first: 'wrong_profile_or_env',
  },
  {
    // deepset-ai/haystack-core-integrations integrations/amazon_bedrock/.../chat/chat_generator.py (model patterns).
    message: "AmazonBedrockConfigurationError: AmazonBedrockGenerator doesn't support the model claude-3-sonnet.",
    source: 'deepset-ai/haystack-core-integrations integrations/amazon_bedrock chat_generator.py',
    top3: ['unknown', 'invalid_model_id'],
    sender: 'Haystack',
  },
  {
    // pydantic/pydantic-ai pydantic_ai_slim/pydantic_ai/providers/bedrock.py (botocore NoRegionError rewrapped).
    message:
      'pydantic_ai.exceptions.UserError: You must provide a `region_name` or a boto3 client for Bedrock Runtime.',
    source: 'pydantic/pydantic-ai pydantic_ai_slim/pydantic_ai/providers/bedrock.py',
    first: 'region_unsupported',
  },
  {
    // crewAIInc/crewAI lib/crewai/src/crewai/llms/providers/bedrock/completion.py _handle_client_error: its prefix
    // keeps AWS's message.
    message:
      'RuntimeError: Access denied to model anthropic.claude-3-5-sonnet-20241022-v2:0: User: arn:aws:sts::123456789012:assumed-role/crew/s1 is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0 because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action',
    source: 'crewAIInc/crewAI lib/crewai/src/crewai/llms/providers/bedrock/completion.py',
    first: 'missing_iam_permission',
  },
  {
    // continuedev/continue core/llm/llms/Bedrock.ts (profile missing, falls back to the default chain).
    message: 'AWS profile with name dev not found in ~/.aws/credentials, using default profile',
    source: 'continuedev/continue core/llm/llms/Bedrock.ts',
    first: 'wrong_profile_or_env',
  },
  {
    // n8n-io/n8n packages/workflow/src/errors/node-api.error.ts STATUS_CODE_MESSAGES['401'] (replaces AWS's message).
    message: 'Authorization failed - please check your credentials',
    source: 'n8n-io/n8n packages/workflow/src/errors/node-api.error.ts',
    top3: ['unknown', 'wrong_profile_or_env'],
  },
  {
    // n8n-io/n8n packages/workflow/src/errors/node-api.error.ts STATUS_CODE_MESSAGES['403'].
    message: 'Forbidden - perhaps check your credentials?',
    source: 'n8n-io/n8n packages/workflow/src/errors/node-api.error.ts',
    top3: ['unknown', 'wrong_profile_or_env'],
  },
];

describe('Bedrock wordings from AWS documentation and tool sources', () => {
  it.each(ROWS.map((r) => [r.message.slice(0, 90), r] as const))('%s', (_label, row) => {
    const t = expectCauses(row.message, row, row.source);
    if (row.sender) {
      expect(
        t.findings.some((f) => f.startsWith('Not an AWS error') && f.includes(row.sender ?? '')),
        `${row.source}: names ${row.sender}`,
      ).toBe(true);
    }
  });
});
