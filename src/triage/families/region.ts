/** Families of messages about where the call goes: no endpoint, no region, a region not enabled. */
import { REGION_CODE_PATTERN } from '../../aws-facts/regions.js';
import type { Family } from './types.js';

export const REGION_FAMILIES: readonly Family[] = [
  {
    id: 'endpoint_unreachable',
    meaning:
      'The client could not reach the endpoint: no such host for that region (Bedrock not offered there, a typo) or ' +
      'the network path (proxy, DNS, firewall) blocks it.',
    doc: 'https://docs.aws.amazon.com/general/latest/gr/bedrock.html',
    wordings: [
      'could not connect to the endpoint url',
      'enotfound',
      'eai_again',
      'getaddrinfo',
      'no such host',
      'dial tcp: lookup',
      'inaccessible host',
      'name or service not known',
      'unknownendpoint',
      'nodename nor servname provided',
      'temporary failure in name resolution',
      'unknownhostexception',
      'could not resolve host',
      'no address associated with hostname',
      'failed to lookup address information',
      'connect timeout on endpoint url',
    ],
    patterns: [
      // Go's TCP connect timeout to an endpoint ("dial tcp 54.239.29.25:443: i/o timeout"): the network path drops
      // it (no internet, only a VPC endpoint). Not the instance metadata or ECS credential addresses (169.254.x),
      // whose timeout is a credential chain that found nothing else and fell through to them.
      /\bdial tcp (?!169\.254\.|\[?fd00:ec2::)[0-9a-f.:[\]]{3,45}:\d{2,5}: i\/o timeout\b/,
    ],
    codes: ['EndpointConnectionError', 'UnknownEndpoint'],
    prior: { region_unsupported: 0.8, unknown: 0.2 },
    priorWhy:
      'No endpoint host for that region name (typo, Bedrock not offered there) is the usual fix; a proxy or DNS ' +
      'problem on the network path is the other.',
    evidence: ['unknown_region', 'bedrock_not_in_region', 'network_path', 'endpoint_region_valid'],
    commands: ['aws configure get region'],
  },
  {
    id: 'operation_unresolved',
    meaning:
      'AWS could not map the request to an operation ("Unable to determine service/operation name to be ' +
      'authorized", or an AccessDenied "not authorized to perform: null"): it went to another endpoint than the API expects (an endpoint override or base URL of another ' +
      'service, a control-plane call on the runtime host, a data endpoint not fetched first) or a proxy rewrote its path.',
    doc: 'https://docs.aws.amazon.com/general/latest/gr/bedrock.html',
    wordings: [
      'unable to determine service/operation name to be authorized',
      // langchain-aws ChatBedrockConverse (libs/aws/langchain_aws/chat_models/bedrock_converse.py, _parse_response):
      // the answer had no Converse output, which it says comes from a wrong endpoint_url or region.
      'key found in the response from the bedrock converse api',
    ],
    // The same failure seen by IAM: an AccessDenied naming no action ("is not authorized to perform: null"), the
    // request's parameters did not resolve to an action (Greengrass given an alias ARN, aws/aws-cli#6274).
    patterns: [/\bnot authori[sz]ed to perform:? ?null\b/],
    prior: { unknown: 0.6, region_unsupported: 0.3, wrong_profile_or_env: 0.1 },
    priorWhy:
      'The credentials were never evaluated: the request itself is addressed wrong, most often by the client or a ' +
      'proxy (unknown), else by an endpoint setting for the wrong service or region.',
    evidence: ['endpoint_region_valid'],
    commands: ['aws configure get region', 'env | grep -i -e endpoint -e base_url | cut -d= -f1'],
  },
  {
    id: 'account_endpoint_required',
    meaning:
      'A service that takes calls only on an account-specific regional endpoint (AWS Elemental MediaConvert: the ' +
      'one DescribeEndpoints returns for the Region) was called on its regional subscription endpoint or on an ' +
      'account endpoint of another Region: "You must use the subscription API to subscribe your account to the ' +
      'service before using this operation."',
    doc: 'https://docs.aws.amazon.com/mediaconvert/latest/apireference/getting-started.html',
    wordings: ['use the subscription api to subscribe your account to the service'],
    prior: { region_unsupported: 0.7, unknown: 0.2, account_issue: 0.1 },
    priorWhy:
      'AWS documents that the endpoint must be the account endpoint of the Region the client is set to: a Region ' +
      'or endpoint setting that does not match is the usual fix; a client that skips DescribeEndpoints (unknown) ' +
      'and an account never set up for the service are the others.',
    evidence: [],
    commands: ['aws configure get region', 'aws mediaconvert describe-endpoints'],
  },
  {
    id: 'no_region',
    meaning: 'No region is configured for the client (NoRegionError, "You must specify a region").',
    doc: 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html',
    wordings: [
      'you must specify a region',
      'noregionerror',
      // langchain-aws (utils.py): neither region_name nor AWS_DEFAULT_REGION / AWS_REGION was given.
      'did not find region_name',
      'missing region in config',
      'region is missing',
      'could not find region configuration',
      'missingregion',
      'region is required',
      'no region was specified',
      'region must be set',
      'caused by an invalid region configuration',
      'region setting is missing',
      'no regionendpoint or serviceurl configured',
      'unable to load region',
      'region was not a valid dns name',
      "doesn't match a supported format",
      'invalid region configuration',
      'not a valid region',
      'invalid region',
      // aws-sdk-rust's endpoint resolver with no region: ResolveEndpointError "Invalid Configuration: Missing Region".
      'invalid configuration: missing region',
      // Tools that read the region from the environment before they call STS (nginx-s3-gateway's web identity).
      'missing required aws_region',
      // Java SDK v2 (regions/providers/AwsProfileRegionProvider): the profile it read has no region.
      'no region provided in profile',
      // LiteLLM's Bedrock client (BerriAI/litellm litellm/llms/bedrock.py, init_bedrock_client).
      'aws region not set',
      // LiteLLM (litellm/llms/bedrock/base_aws_llm.py, _validate_aws_region_name): a region display name or typo.
      'invalid aws region format',
      // OpenAI Codex's Bedrock provider (openai/codex codex-rs/aws-auth/src/lib.rs, AwsAuthError::MissingRegion).
      'aws sdk config did not resolve a region',
      // AnythingLLM (Mintplex-Labs/anything-llm server/utils/AiProviders/bedrock/index.js).
      'no aws bedrock llm region was set',
      // Haystack's Bedrock generators (deepset-ai/haystack-core-integrations integrations/amazon_bedrock/.../
      // chat_generator.py): session.client("bedrock-runtime") failed, NoRegionError or a profile that is not found.
      'could not connect to amazon bedrock. make sure the aws environment is configured correctly',
      // Pydantic AI's BedrockProvider (pydantic/pydantic-ai pydantic_ai_slim/pydantic_ai/providers/bedrock.py, NoRegionError).
      'you must provide a region_name or a boto3 client',
      // The Anthropic SDKs' Bedrock clients (anthropics/anthropic-sdk-typescript packages/bedrock-sdk/src/client.ts,
      // mantle-client.ts, packages/aws-sdk/src/client.ts): no region in options or environment.
      'option to be passed to the client or the aws_region environment variable',
      'no aws region found',
      'no aws region or base url found',
      // LangChain.js @langchain/aws (libs/providers/langchain-aws/src/chat_models.ts, retrievers/kendra.ts).
      'please set the aws_default_region environment variable or pass it to the constructor',
      'please pass regionname field to the constructor',
    ],
    // "Unable to determine region for bucket X, assuming bucket is in correct region: <error>" (Amazon.Lambda.Tools,
    // Go and Python GetBucketLocation wrappers) quotes another failure; the client has a region.
    patterns: [/\bunable to determine region\b(?! for bucket)/],
    prior: { region_unsupported: 0.7, wrong_profile_or_env: 0.3 },
    priorWhy: 'No region configured for the client, often because another profile or environment was read.',
    evidence: ['profile_mention', 'env_mention'],
    commands: ['aws configure get region'],
  },
  {
    id: 'bucket_other_region',
    meaning:
      'S3 answered with a redirect because the bucket lives in another region than the endpoint the request was ' +
      'sent to (PermanentRedirect, 301 Moved Permanently: "The bucket you are attempting to access must be addressed ' +
      'using the specified endpoint"). Clients that look the region up first (GetBucketLocation) fall back to ' +
      'us-east-1 when that call is denied.',
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html',
    wordings: [
      'must be addressed using the specified endpoint',
      // aws-sdk-go v1 (service/s3) and paws (R) turn S3's 301 into BucketRegionError with their own words.
      'incorrect region, the bucket is not in',
    ],
    patterns: [
      // The status alone as clients print it: "301 Moved Permanently", minio-go's "301 response missing Location
      // header", "HTTP Error: Request returned HTTP 301", "status code: 301".
      /\b301 (?:moved permanently|response missing location header)\b/,
      /\b(?:http(?: error)?|returned|status(?: code)?|statuscode)[ \t]{0,3}:?[ \t]{0,3}(?:http )?301\b(?![.\d])/,
    ],
    codes: ['PermanentRedirect', 'BucketRegionError'],
    prior: { region_unsupported: 0.8, missing_iam_permission: 0.15, unknown: 0.05 },
    priorWhy:
      "AWS documents PermanentRedirect for a bucket addressed through another region's endpoint: setting the " +
      "bucket's region is the fix; a client that could not call GetBucketLocation (s3:GetBucketLocation not " +
      'allowed) guessed the region; a redirect from something that is not S3 is the rest.',
    evidence: ['other_region_works'],
    commands: ['aws configure get region', 'aws s3api get-bucket-location --bucket BUCKET'],
  },
  {
    id: 'not_in_region',
    meaning:
      "The model, service or resource type is not offered in the region called (a tool's region table, " +
      'CloudFormation "Unrecognized resource types", a template mapping with no entry for the region).',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/models-regions.html',
    wordings: [
      'switching to a region where this model is supported',
      // AWS's AccessDeniedException for an API a region does not offer (IoT Wireless, newer Bedrock features).
      'not authorized to call this api in this region',
      'is not available in this region',
      'is not supported in this region',
      'not available in your region',
      'unrecognized resource types',
      'not supported in the current region',
      // Strands Agents (strands-agents/sdk-python src/strands/models/bedrock.py): no geo profile for the region.
      'does not support our default inference endpoint',
      // Dify's Bedrock plugin (models/bedrock/models/llm/llm.py): no cross-region profile prefix for the region.
      'failed to get cross-region inference prefix for region',
      // Bedrock's Rerank API for a model ARN of another region than the client's (aws-samples/dify-aws-tool#141).
      'does not support cross-region calls',
    ],
    patterns: [
      new RegExp(`\\bis not (?:available|supported|offered) in (?:the )?(?:region )?${REGION_CODE_PATTERN}\\b`),
      new RegExp(`unable to get mapping for [^ ]{1,200}::${REGION_CODE_PATTERN}::`),
      // A resource that must live in the caller's region given from another one: Bedrock Knowledge Bases' "secret ...
      // is in a different region to the region of your knowledge base. Please provide a secret ARN in us-east-1, the
      // same region as your knowledge base" (the ValidationException for a data source's credentialsSecretArn,
      // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_ConfluenceSourceConfiguration.html).
      /\b(?:is|are|was|were) in a different region (?:to|than|from)\b/,
    ],
    prior: { region_unsupported: 0.88, invalid_model_id: 0.07, unknown: 0.05 },
    priorWhy:
      'The message names a region where the model, service or resource type is not offered: calling a region that ' +
      'offers it is the fix.',
    evidence: [
      'other_region_works',
      'model_not_offered_in_region',
      'model_profile_only_in_region',
      'model_on_demand_in_region',
    ],
    commands: ['aws configure get region'],
  },
  {
    id: 'region_disabled',
    meaning:
      'STS or the region is not enabled for the account (RegionDisabledException; opt-in regions must be enabled, ' +
      'and v1 global-endpoint session tokens are only valid in regions enabled by default).',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_enable-regions.html',
    wordings: [
      'sts is not activated in this region',
      'region is disabled',
      'region is not enabled',
      'regiondisabledexception',
      'the region you are trying to access is not enabled',
    ],
    // "not enabled for this account" is about a region only when the sentence names one ("MFA is not enabled ..." is not).
    patterns: [/\bregion\b[^.\n]{0,60}\bnot enabled for (?:this|your) account\b/],
    codes: ['RegionDisabledException'],
    prior: { opt_in_region_token: 0.92, region_unsupported: 0.08 },
    priorWhy: 'AWS documents RegionDisabledException for a region (or its STS endpoint) not enabled in the account.',
    evidence: ['opt_in_region'],
  },
  {
    id: 'guardrail_not_found',
    meaning:
      'Bedrock found no guardrail with that identifier and version in the account and Region called. A guardrail ' +
      'is a resource of one Region: one created in another Region (the model Region of a cross-Region setup, the ' +
      "client's default Region) does not exist where the call goes; else the id is mistyped or deleted, or the " +
      'version was never published (a number where only DRAFT exists).',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html',
    wordings: ['guardrail identifier or version provided in the request does not exist'],
    prior: { region_unsupported: 0.55, invalid_model_id: 0.3, unknown: 0.15 },
    priorWhy:
      'Guardrails are regional, so the call reaching another Region than the one the guardrail was created in is the ' +
      'common case; a wrong id or version (the nearest cause: an identifier Bedrock does not know) is next.',
    evidence: ['other_region_works', 'model_region_mismatch'],
    commands: ['aws configure get region', 'aws bedrock list-guardrails'],
  },
];
