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
      { wording: 'proxy authentication required', name: 'an HTTP proxy on the network path' },
      { wording: '407 proxy', name: 'an HTTP proxy on the network path' },
      { wording: 'no api key found in request', name: 'an API gateway in front of the model (Kong)' },
      { wording: 'used cloudflare to restrict access', name: 'Cloudflare in front of the endpoint' },
      { wording: 'attention required! | cloudflare', name: 'Cloudflare in front of the endpoint' },
      { wording: 'zscaler', name: 'a corporate proxy (Zscaler)' },
    ],
    prior: { unknown: 0.85, wrong_profile_or_env: 0.15 },
    priorWhy:
      'The proxy answered before AWS saw the request: its own key or login is wrong, which no AWS cause covers; ' +
      'sometimes the client was pointed at the proxy by a leftover base URL or environment variable.',
    evidence: [],
  },
];
