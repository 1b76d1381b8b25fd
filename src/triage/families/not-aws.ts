/**
 * Families of authentication errors that did not come from AWS at all: another provider's API key, or a proxy or
 * gateway in front of AWS refusing the request itself. Bedrock never saw the request; each wording names its
 * sender. They are dropped whenever an AWS message is in the same text (a wrapper's words around an AWS error).
 */
import type { Family } from './types.js';

export const NOT_AWS_FAMILIES: readonly Family[] = [
  {
    id: 'other_provider_key',
    meaning:
      "Another model provider's API refused its own API key: the client called that provider, not Bedrock " +
      '(a provider setting, base URL or environment variable that did not switch to Bedrock).',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
    wordings: [],
    senders: [
      { wording: 'incorrect api key provided', name: "OpenAI's API" },
      { wording: 'platform.openai.com/account/api-keys', name: "OpenAI's API" },
      { wording: "you didn't provide an api key", name: "OpenAI's API" },
      { wording: 'invalid x-api-key', name: "Anthropic's API (api.anthropic.com)" },
      { wording: 'x-api-key header is required', name: "Anthropic's API (api.anthropic.com)" },
      { wording: '"type":"authentication_error"', name: "Anthropic's API (api.anthropic.com)" },
      { wording: '"type":"permission_error"', name: "Anthropic's API (api.anthropic.com)" },
      { wording: '"type":"forbidden"', name: "Anthropic's API (api.anthropic.com)" },
      { wording: '"type":"not_found_error"', name: "Anthropic's API (api.anthropic.com)" },
      { wording: '"type":"error","error":{"type":', name: "Anthropic's API (api.anthropic.com)" },
      { wording: 'invalid api key · please run /login', name: "Claude Code's Anthropic login (not Bedrock)" },
      { wording: 'please run /login', name: "Claude Code's Anthropic login (not Bedrock)" },
      // Claude Code on its Anthropic login or API key instead of Bedrock (anthropics/claude-code#4208, #46277; the
      // OAuth expiry quoted in public Claude Code transcripts): Anthropic's own answers, AWS never saw them.
      { wording: 'oauth token has expired', name: "Claude Code's Anthropic login (not Bedrock)" },
      {
        wording: 'oauth session expired and could not be refreshed',
        name: "Claude Code's Anthropic login (not Bedrock)",
      },
      { wording: 'credit balance is too low', name: "Anthropic's API billing (the client is not using Bedrock)" },
      { wording: 'credit balance too low', name: "Anthropic's API billing (the client is not using Bedrock)" },
      { wording: 'api key not valid. please pass a valid api key', name: "Google's Gemini API" },
      { wording: 'api_key_invalid', name: "Google's Gemini API" },
      { wording: 'invalid subscription key or wrong api endpoint', name: 'Azure OpenAI' },
      { wording: 'no auth credentials found', name: 'OpenRouter' },
      { wording: 'invalid credentials in authorization header', name: 'Hugging Face' },
      { wording: 'invalid api key provided', name: 'the model provider the client is configured for (not Bedrock)' },
      { wording: 'openaiexception', name: "OpenAI's API (through LiteLLM)" },
      { wording: 'invalid_request_error', name: "another provider's API (an OpenAI- or Anthropic-style error body)" },
      { wording: 'vertex_aiexception', name: 'Google Vertex AI (through LiteLLM)' },
      { wording: 'aiplatform.googleapis.com', name: 'Google Vertex AI' },
      { wording: 'your current subscription does not have access', name: "the tool's own subscription service" },
      { wording: 'invalid api key', name: 'the service the client calls (AWS never answers "invalid api key")' },
      { wording: 'billing_not_active', name: "OpenAI's API" },
      { wording: 'please specify a valid downloaded model', name: 'LM Studio (a local model server)' },
    ],
    prior: { unknown: 0.85, wrong_profile_or_env: 0.15 },
    priorWhy:
      "The error is the other provider's own: no AWS cause applies. When the person meant to call Bedrock, the " +
      'client was not switched to it (a setting or environment variable not passed), which is the one AWS-side ' +
      'reading.',
    evidence: [],
  },
  {
    id: 'proxy_auth',
    meaning:
      'A proxy or gateway between the client and AWS refused the request with its own authentication (an LLM ' +
      'proxy virtual key, an HTTP proxy login, a corporate gateway): the request never reached AWS.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html',
    wordings: [],
    senders: [
      { wording: 'invalid proxy server token passed', name: 'the LiteLLM proxy (its own virtual keys)' },
      { wording: 'litellm virtual key expected', name: 'the LiteLLM proxy (its own virtual keys)' },
      { wording: 'no api key passed in', name: 'the LiteLLM proxy (its own virtual keys)' },
      { wording: 'authentication error - expired key', name: 'the LiteLLM proxy (its own virtual keys)' },
      // The LiteLLM proxy's own checks before any call to Bedrock: the virtual key's model allowlist
      // (litellm/proxy/auth/auth_checks.py) and its budget (go-proxy BudgetExceededError).
      { wording: 'key not allowed to access model', name: "the LLM proxy's key allowlist (LiteLLM virtual keys)" },
      { wording: 'key_model_access_denied', name: "the LiteLLM proxy's key allowlist" },
      { wording: 'budget has been exceeded! current cost', name: "the LiteLLM proxy's budget for the key" },
      { wording: 'proxy authentication required', name: 'an HTTP proxy on the network path' },
      { wording: '407 proxy', name: 'an HTTP proxy on the network path' },
      { wording: 'no api key found in request', name: 'an API gateway in front of the model (Kong)' },
      { wording: 'used cloudflare to restrict access', name: 'Cloudflare in front of the endpoint' },
      { wording: 'attention required! | cloudflare', name: 'Cloudflare in front of the endpoint' },
      { wording: 'zscaler', name: 'a corporate proxy (Zscaler)' },
      // aws-samples/bedrock-access-gateway src/api/auth.py: FastAPI's {"detail": ...} for the gateway's own key.
      { wording: '"detail":"invalid api key"', name: "the Bedrock Access Gateway (its own API key, not AWS's)" },
      {
        wording: 'api key is not configured. please set up your api key',
        name: "the Bedrock Access Gateway (its own API key, not AWS's)",
      },
    ],
    prior: { unknown: 0.85, wrong_profile_or_env: 0.15 },
    priorWhy:
      'The proxy answered before AWS saw the request: its own key or login is wrong, which no AWS cause covers; ' +
      'sometimes the client was pointed at the proxy by a leftover base URL or environment variable.',
    evidence: [],
  },
  {
    id: 'client_model_check',
    meaning:
      "A client's own check of the model id or ARN refused it before any request was sent (Roo Code's custom-ARN " +
      'pattern, Flowise\'s "Custom Model ARN" field, opencode\'s model catalog): AWS never saw the call.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-use.html',
    wordings: [],
    senders: [
      // RooCodeInc/Roo-Code src/api/providers/bedrock.ts: INVALID_ARN_FORMAT, thrown by its own ARN parser.
      { wording: 'arn should follow the pattern', name: "Roo Code's own ARN check (the request never reached AWS)" },
      // FlowiseAI/Flowise packages/components/nodes/chatmodels/AWSBedrock/AWSChatBedrock.ts: a value that does not
      // start with arn:aws:bedrock: in the "Custom Model ARN" field.
      { wording: 'field requires a full bedrock arn', name: "Flowise's own ARN check (the request never reached AWS)" },
      // sst/opencode packages/opencode/src/provider/provider.ts: ModelNotFoundError, a model its catalog does not list.
      { wording: 'providermodelnotfounderror', name: "opencode's own model catalog (the request never reached AWS)" },
      // deepset-ai/haystack-core-integrations .../amazon_bedrock/chat/chat_generator.py: no adapter for the model id.
      {
        wording: "amazonbedrockgenerator doesn't support the model",
        name: "Haystack's own model list (the request never reached AWS)",
      },
    ],
    prior: { unknown: 0.5, invalid_model_id: 0.45, region_unsupported: 0.05 },
    priorWhy:
      'The client refused the value itself: either it is not a model id or ARN Bedrock accepts (invalid_model_id), or ' +
      "the client's pattern is stricter than Bedrock's and rejects a valid one (an inference-profile or other-partition " +
      'ARN it does not know), which only a client upgrade fixes (unknown).',
    evidence: [],
  },
];
