/**
 * Bedrock model identifiers: foundation model ids (`anthropic.claude-3-haiku-20240307-v1:0`), system-defined
 * inference profile ids (a geography prefix before the model id: `us.`, `eu.`, `apac.`, `global.`...) and the ARN
 * resource types that stand for a model (bedrock-2025-2026 section 1.3: `global.*` profiles route to any commercial
 * region).
 */

/** Geography prefixes of system-defined cross-region inference profile ids. */
export const INFERENCE_PROFILE_GEO_PREFIXES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'] as const;

export type GeoPrefix = (typeof INFERENCE_PROFILE_GEO_PREFIXES)[number];

/** The prefixes as a regular expression alternation (`us-gov|us|...`), the longer first. */
export const GEO_PREFIX_PATTERN = [...INFERENCE_PROFILE_GEO_PREFIXES].sort((a, b) => b.length - a.length).join('|');

const GEO_PREFIXED = new RegExp(`^(${GEO_PREFIX_PATTERN})\\.(.+)$`);

/** PROVIDER.MODEL[:VERSION[:VARIANT]]: what Bedrock accepts as a foundation model id. */
const MODEL_ID = /^[a-z0-9][a-z0-9-]{0,39}\.[a-z0-9][a-z0-9._-]{0,120}(?::[a-z0-9._-]{1,32}){0,2}$/i;

/** Application inference profile ids: up to 64 lower-case letters and digits. */
const APPLICATION_PROFILE_ID = /^[a-z0-9]{1,64}$/;

export function isFoundationModelId(value: string): boolean {
  return MODEL_ID.test(value);
}

export function isApplicationProfileId(value: string): boolean {
  return APPLICATION_PROFILE_ID.test(value);
}

/** Starts with a geography prefix (`us.`, `global.`...): the id names a cross-region inference profile. */
export function hasGeoPrefix(id: string): boolean {
  return GEO_PREFIXED.test(id);
}

/** `us.anthropic.claude-...` -> geo `us` and the model id; undefined when the rest is not a model id. */
export function splitInferenceProfileId(id: string): { geo: GeoPrefix; modelId: string } | undefined {
  const m = GEO_PREFIXED.exec(id);
  if (!m || !MODEL_ID.test(m[2] ?? '')) return undefined;
  return { geo: m[1] as GeoPrefix, modelId: m[2] ?? '' };
}

/** The geography prefix a cross-region profile for this source region would carry. */
export function geoPrefixForRegion(code: string): GeoPrefix | undefined {
  if (code.startsWith('us-gov-')) return 'us-gov';
  if (code.startsWith('us-') || code.startsWith('ca-')) return 'us';
  if (code.startsWith('eu-')) return 'eu';
  if (code.startsWith('ap-')) return 'apac';
  return undefined;
}

/** Bedrock ARN resource kinds whose id is a model identifier that can be passed as modelId. */
export const MODEL_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'foundation-model',
  'inference-profile',
  'application-inference-profile',
  'provisioned-model',
  'custom-model',
  'imported-model',
  'custom-model-deployment',
]);

/**
 * What aws:RequestedRegion is for a request a `global.*` inference profile routes (bedrock-2025-2026 section 1.3;
 * AWS ML blog "Securing Amazon Bedrock cross-Region inference: Geographic and global", January 2026): the
 * region-less foundation-model ARN is evaluated with aws:RequestedRegion = "unspecified", so an SCP that denies
 * every region but a list breaks global profiles unless "unspecified" is in the list.
 */
export const GLOBAL_ROUTING_REQUESTED_REGION = 'unspecified';

/** A `global.*` profile routes to any commercial region. */
export function isGlobalProfileGeo(geo: string): boolean {
  return geo === 'global';
}

/**
 * Foundation model ids the Bedrock user guide lists ("Supported foundation models in Amazon Bedrock",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html), for the models people call through
 * cross-region inference profiles. Only ever read in one direction: an id in this list is a real model, so Bedrock
 * calling `us.<it>` "invalid" is about where it was called, not a typo. An id missing from the list says nothing
 * (new models appear every month).
 */
export const DOCUMENTED_FOUNDATION_MODEL_IDS: ReadonlySet<string> = new Set([
  'anthropic.claude-3-haiku-20240307-v1:0',
  'anthropic.claude-3-sonnet-20240229-v1:0',
  'anthropic.claude-3-opus-20240229-v1:0',
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-5-sonnet-20241022-v2:0',
  'anthropic.claude-3-5-haiku-20241022-v1:0',
  'anthropic.claude-3-7-sonnet-20250219-v1:0',
  'anthropic.claude-sonnet-4-20250514-v1:0',
  'anthropic.claude-opus-4-20250514-v1:0',
  'anthropic.claude-opus-4-1-20250805-v1:0',
  'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'anthropic.claude-haiku-4-5-20251001-v1:0',
  'anthropic.claude-opus-4-5-20251101-v1:0',
  'amazon.nova-micro-v1:0',
  'amazon.nova-lite-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.nova-premier-v1:0',
  'meta.llama3-1-8b-instruct-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
  'meta.llama3-1-405b-instruct-v1:0',
  'meta.llama3-2-1b-instruct-v1:0',
  'meta.llama3-2-3b-instruct-v1:0',
  'meta.llama3-2-11b-instruct-v1:0',
  'meta.llama3-2-90b-instruct-v1:0',
  'meta.llama3-3-70b-instruct-v1:0',
  'meta.llama4-scout-17b-instruct-v1:0',
  'meta.llama4-maverick-17b-instruct-v1:0',
  'mistral.pixtral-large-2502-v1:0',
  'deepseek.r1-v1:0',
]);

/**
 * Documented models that Bedrock serves only through inference profiles (the user guide's "Supported foundation
 * models" table lists cross-Region inference, not on-demand, for them: Claude 3.7 Sonnet and the Claude 4 family,
 * Llama 3.2 / 3.3 / 4, Nova Premier, DeepSeek-R1, Pixtral Large). Called by their bare id, Bedrock refuses them.
 */
export const PROFILE_ONLY_MODEL_IDS: ReadonlySet<string> = new Set([
  'anthropic.claude-3-7-sonnet-20250219-v1:0',
  'anthropic.claude-sonnet-4-20250514-v1:0',
  'anthropic.claude-opus-4-20250514-v1:0',
  'anthropic.claude-opus-4-1-20250805-v1:0',
  'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'anthropic.claude-haiku-4-5-20251001-v1:0',
  'anthropic.claude-opus-4-5-20251101-v1:0',
  'amazon.nova-premier-v1:0',
  'meta.llama3-2-1b-instruct-v1:0',
  'meta.llama3-2-3b-instruct-v1:0',
  'meta.llama3-2-11b-instruct-v1:0',
  'meta.llama3-2-90b-instruct-v1:0',
  'meta.llama3-3-70b-instruct-v1:0',
  'meta.llama4-scout-17b-instruct-v1:0',
  'meta.llama4-maverick-17b-instruct-v1:0',
  'mistral.pixtral-large-2502-v1:0',
  'deepseek.r1-v1:0',
]);

export function isProfileOnlyModel(id: string): boolean {
  return PROFILE_ONLY_MODEL_IDS.has(id.toLowerCase());
}

/** The model id is one the Bedrock user guide lists (foundation-model ids, case as Bedrock writes them). */
export function isDocumentedFoundationModel(id: string): boolean {
  // The Region table below is read from the same user-guide pages and covers every id of the list above
  // (test/aws-facts/model-regions.test.ts), and more (Claude Opus 4.6, ...): it is the one answer.
  return MODEL_REGION_TABLE.has(id.toLowerCase());
}

/**
 * Where each widely used model is offered, from the Bedrock user guide's "Model support by AWS Region in Amazon
 * Bedrock" (https://docs.aws.amazon.com/bedrock/latest/userguide/models-regions.html) and "Supported foundation
 * models in Amazon Bedrock" (https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html), both as
 * published on 2026-02-15 (the date of the copy read). Per model, in the order of the page's 34 region columns:
 * - `onDemand`: the first table ("model support by AWS Region"): the model answers its bare id in that Region.
 * - `profile`: the second table ("inference profile support by AWS Region", "Some models are accessible in some AWS
 *   Regions only as a cross-Region inference profile"): a system-defined profile (a geography's, or `global.`) can be
 *   called from that source Region. For older models the column is not complete (the cross-Region inference page's
 *   own example calls `us.anthropic.claude-3-haiku-20240307-v1:0` from us-west-2, where this column says No), so it is
 *   only ever read as "offered", never as "no profile here" where the model is on demand.
 * - `listed`: Regions the "Supported foundation models" page lists for the model that neither table has.
 * Read in one direction only for what is missing: a Region of `MODEL_REGION_COLUMNS` that none of the three names
 * does not offer the model (as of that date; models reach new Regions every month, so a model absent here may have
 * arrived since, and a Region outside the columns says nothing). Models not in the table say nothing.
 */
export const MODEL_REGION_SOURCE = {
  urls: [
    'https://docs.aws.amazon.com/bedrock/latest/userguide/models-regions.html',
    'https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html',
  ],
  published: '2026-02-15',
} as const;

/** The Regions the "Model support by AWS Region" tables have a column for (2026-02-15), in the page's order. */
export const MODEL_REGION_COLUMNS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'af-south-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
];

/** One model's row: space-separated Region codes (see MODEL_REGION_SOURCE for what each list means). */
interface ModelRegionRow {
  onDemand: string;
  profile: string;
  listed?: string;
}

/** Transcribed from the two tables of models-regions.html and the Region lists of models-supported.html. */
const MODEL_REGION_ROWS: Readonly<Record<string, ModelRegionRow>> = {
  // Amazon Nova 2 Lite
  'amazon.nova-2-lite-v1:0': {
    onDemand: '',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-east-2 ap-northeast-1 ap-northeast-2 ap-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5 ap-southeast-7 ca-central-1 ca-west-1 eu-central-1 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 il-central-1 me-central-1',
  },
  // Amazon Nova Lite
  'amazon.nova-lite-v1:0': {
    onDemand: 'us-east-1 us-gov-west-1 ap-northeast-1 ap-southeast-2 ap-southeast-3 eu-north-1 eu-west-2 me-central-1',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-east-2 ap-northeast-1 ap-northeast-2 ap-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5 ap-southeast-7 ca-central-1 ca-west-1 eu-central-1 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-3 il-central-1 me-central-1',
  },
  // Amazon Nova Micro
  'amazon.nova-micro-v1:0': {
    onDemand: 'us-east-1 us-gov-west-1 ap-southeast-2 eu-west-2',
    profile:
      'us-east-1 us-east-2 us-west-2 ap-east-2 ap-northeast-1 ap-northeast-2 ap-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-5 ap-southeast-7 eu-central-1 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-3 il-central-1 me-central-1',
  },
  // Amazon Nova Premier
  'amazon.nova-premier-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // Amazon Nova Pro
  'amazon.nova-pro-v1:0': {
    onDemand: 'us-east-1 us-gov-west-1 ap-southeast-2 ap-southeast-3 eu-west-2 me-central-1',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-east-2 ap-northeast-1 ap-northeast-2 ap-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5 ap-southeast-7 eu-central-1 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-3 il-central-1 me-central-1',
  },
  // Amazon Titan Text Embeddings V2
  'amazon.titan-embed-text-v2:0': {
    onDemand:
      'us-east-1 us-east-2 us-west-2 us-gov-east-1 us-gov-west-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-2 ca-central-1 eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: '',
  },
  // Anthropic Claude 3.5 Haiku
  'anthropic.claude-3-5-haiku-20241022-v1:0': {
    onDemand: 'us-west-2',
    profile: 'us-east-1 us-east-2',
    listed: 'me-central-1',
  },
  // Anthropic Claude 3.5 Sonnet
  'anthropic.claude-3-5-sonnet-20240620-v1:0': {
    onDemand:
      'us-east-1 us-west-2 us-gov-west-1 ap-northeast-1 ap-northeast-2 ap-southeast-1 eu-central-1 eu-central-2',
    profile: 'us-east-1 us-east-2 us-west-2 us-gov-east-1 ap-south-1 ap-southeast-2 eu-central-1 eu-west-1 eu-west-3',
  },
  // Anthropic Claude 3.5 Sonnet v2
  'anthropic.claude-3-5-sonnet-20241022-v2:0': {
    onDemand: 'us-west-2 ap-southeast-2',
    profile:
      'us-east-1 us-east-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2',
  },
  // Anthropic Claude 3.7 Sonnet
  'anthropic.claude-3-7-sonnet-20250219-v1:0': {
    onDemand: 'us-gov-west-1 eu-west-2',
    profile:
      'us-east-1 us-east-2 us-west-2 us-gov-east-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 eu-central-1 eu-north-1 eu-west-1 eu-west-3',
  },
  // Anthropic Claude 3 Haiku
  'anthropic.claude-3-haiku-20240307-v1:0': {
    onDemand:
      'us-east-1 us-west-2 us-gov-west-1 ap-northeast-1 ap-northeast-2 ap-south-1 ap-southeast-1 ap-southeast-2 ca-central-1 eu-central-1 eu-central-2 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: 'us-east-2 us-gov-east-1 eu-central-1',
    listed: 'me-central-1',
  },
  // Anthropic Claude 3 Opus
  'anthropic.claude-3-opus-20240229-v1:0': {
    onDemand: 'us-west-2',
    profile: 'us-east-1',
  },
  // Anthropic Claude 3 Sonnet
  'anthropic.claude-3-sonnet-20240229-v1:0': {
    onDemand:
      'us-east-1 us-west-2 ap-south-1 ap-southeast-2 ca-central-1 eu-central-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: 'ap-northeast-1 ap-northeast-2 ap-southeast-1 eu-central-1',
  },
  // Anthropic Claude Haiku 4.5
  'anthropic.claude-haiku-4-5-20251001-v1:0': {
    onDemand: '',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ca-central-1 eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    listed: 'me-central-1',
  },
  // Anthropic Claude Opus 4.1
  'anthropic.claude-opus-4-1-20250805-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2',
    listed: 'me-central-1',
  },
  // Anthropic Claude Opus 4
  'anthropic.claude-opus-4-20250514-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // Anthropic Claude Opus 4.5
  'anthropic.claude-opus-4-5-20251101-v1:0': {
    onDemand: '',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ca-central-1 eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    listed: 'me-central-1',
  },
  // Anthropic Claude Opus 4.6
  'anthropic.claude-opus-4-6-v1': {
    onDemand: '',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ca-central-1 eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    listed:
      'af-south-1 ap-east-2 ap-southeast-5 ap-southeast-7 ca-west-1 il-central-1 me-central-1 me-south-1 mx-central-1',
  },
  // Anthropic Claude Sonnet 4
  'anthropic.claude-sonnet-4-20250514-v1:0': {
    onDemand: '',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-east-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5 ap-southeast-7 eu-central-1 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-3 il-central-1 me-central-1',
  },
  // Anthropic Claude Sonnet 4.5
  'anthropic.claude-sonnet-4-5-20250929-v1:0': {
    onDemand: '',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 us-gov-east-1 us-gov-west-1 af-south-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ca-central-1 ca-west-1 eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 me-south-1 mx-central-1 sa-east-1',
  },
  // Cohere Command R+
  'cohere.command-r-plus-v1:0': {
    onDemand: 'us-east-1 us-west-2',
    profile: '',
  },
  // Cohere Command R
  'cohere.command-r-v1:0': {
    onDemand: 'us-east-1 us-west-2',
    profile: '',
  },
  // Cohere Embed English
  'cohere.embed-english-v3': {
    onDemand:
      'us-east-1 us-west-2 ap-northeast-1 ap-south-1 ap-southeast-1 ap-southeast-2 ca-central-1 eu-central-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: '',
  },
  // Cohere Embed Multilingual
  'cohere.embed-multilingual-v3': {
    onDemand:
      'us-east-1 us-west-2 ap-northeast-1 ap-south-1 ap-southeast-1 ap-southeast-2 ca-central-1 eu-central-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: '',
  },
  // Cohere Embed v4
  'cohere.embed-v4:0': {
    onDemand: 'us-east-1 ap-northeast-1 eu-west-1',
    profile:
      'us-east-1 us-east-2 us-west-1 us-west-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ca-central-1 eu-central-1 eu-central-2 eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    listed: 'me-central-1',
  },
  // DeepSeek DeepSeek-R1
  'deepseek.r1-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // DeepSeek DeepSeek-V3.1
  'deepseek.v3-v1:0': {
    onDemand: 'us-east-2 us-west-2 ap-northeast-1 ap-south-1 ap-southeast-3 eu-north-1 eu-west-2',
    profile: '',
  },
  // Meta Llama 3.1 405B Instruct
  'meta.llama3-1-405b-instruct-v1:0': {
    onDemand: 'us-west-2',
    profile: '',
    listed: 'us-east-2',
  },
  // Meta Llama 3.1 70B Instruct
  'meta.llama3-1-70b-instruct-v1:0': {
    onDemand: 'us-west-2',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // Meta Llama 3.1 8B Instruct
  'meta.llama3-1-8b-instruct-v1:0': {
    onDemand: 'us-west-2',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // Meta Llama 3.2 11B Instruct
  'meta.llama3-2-11b-instruct-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // Meta Llama 3.2 1B Instruct
  'meta.llama3-2-1b-instruct-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2 eu-central-1 eu-west-1 eu-west-3',
  },
  // Meta Llama 3.2 3B Instruct
  'meta.llama3-2-3b-instruct-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2 eu-central-1 eu-west-1 eu-west-3',
  },
  // Meta Llama 3.2 90B Instruct
  'meta.llama3-2-90b-instruct-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // Meta Llama 3.3 70B Instruct
  'meta.llama3-3-70b-instruct-v1:0': {
    onDemand: 'us-east-2',
    profile: 'us-east-1 us-east-2 us-west-2',
  },
  // Meta Llama 3 70B Instruct
  'meta.llama3-70b-instruct-v1:0': {
    onDemand: 'us-east-1 us-west-2 us-gov-west-1 ap-south-1 ca-central-1 eu-west-2',
    profile: '',
  },
  // Meta Llama 3 8B Instruct
  'meta.llama3-8b-instruct-v1:0': {
    onDemand: 'us-east-1 us-west-2 us-gov-west-1 ap-south-1 ca-central-1 eu-west-2',
    profile: '',
  },
  // Meta Llama 4 Maverick 17B Instruct
  'meta.llama4-maverick-17b-instruct-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-1 us-west-2',
  },
  // Meta Llama 4 Scout 17B Instruct
  'meta.llama4-scout-17b-instruct-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-1 us-west-2',
  },
  // Mistral Mistral 7B Instruct
  'mistral.mistral-7b-instruct-v0:2': {
    onDemand: 'us-east-1 us-west-2 ap-south-1 ap-southeast-2 ca-central-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: '',
  },
  // Mistral Mistral Large (24.02)
  'mistral.mistral-large-2402-v1:0': {
    onDemand: 'us-east-1 us-west-2 ap-south-1 ap-southeast-2 ca-central-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: '',
  },
  // Mistral Mistral Large (24.07)
  'mistral.mistral-large-2407-v1:0': {
    onDemand: 'us-west-2',
    profile: '',
  },
  // Mistral Mixtral 8x7B Instruct
  'mistral.mixtral-8x7b-instruct-v0:1': {
    onDemand: 'us-east-1 us-west-2 ap-south-1 ap-southeast-2 ca-central-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1',
    profile: '',
  },
  // Mistral Pixtral Large (25.02)
  'mistral.pixtral-large-2502-v1:0': {
    onDemand: '',
    profile: 'us-east-1 us-east-2 us-west-2 eu-central-1 eu-north-1 eu-west-1 eu-west-3',
  },
  // OpenAI gpt-oss-120b
  'openai.gpt-oss-120b-1:0': {
    onDemand:
      'us-east-1 us-east-2 us-west-2 ap-northeast-1 ap-south-1 ap-southeast-3 eu-central-1 eu-north-1 eu-south-1 eu-west-1 eu-west-2 sa-east-1',
    profile: '',
  },
  // OpenAI gpt-oss-20b
  'openai.gpt-oss-20b-1:0': {
    onDemand:
      'us-east-1 us-east-2 us-west-2 ap-northeast-1 ap-south-1 ap-southeast-3 eu-central-1 eu-north-1 eu-south-1 eu-west-1 eu-west-2 sa-east-1',
    profile: '',
  },
};

export interface ModelRegionAvailability {
  /** Regions where the bare model id is served on demand. */
  onDemand: ReadonlySet<string>;
  /** Regions from which a system-defined inference profile of the model can be called. */
  profile: ReadonlySet<string>;
  /** Regions the "Supported foundation models" page names for the model that neither table has (how: not said). */
  listed: ReadonlySet<string>;
  /** Every Region the documentation names for the model, however it is offered there. */
  offered: ReadonlySet<string>;
}

const regionList = (s: string | undefined): string[] => (s ? s.split(' ') : []);

const MODEL_REGION_TABLE: ReadonlyMap<string, ModelRegionAvailability> = new Map(
  Object.entries(MODEL_REGION_ROWS).map(([id, row]): [string, ModelRegionAvailability] => [
    id,
    {
      onDemand: new Set(regionList(row.onDemand)),
      profile: new Set(regionList(row.profile)),
      listed: new Set(regionList(row.listed)),
      offered: new Set([...regionList(row.onDemand), ...regionList(row.profile), ...regionList(row.listed)]),
    },
  ]),
);

const COLUMNS: ReadonlySet<string> = new Set(MODEL_REGION_COLUMNS);

/** The documented Regions of a model (foundation-model id, any case); undefined for a model the table lacks. */
export function modelRegionAvailability(modelId: string): ModelRegionAvailability | undefined {
  return MODEL_REGION_TABLE.get(modelId.toLowerCase());
}

/** The model ids the Region table covers. */
export function modelsWithRegionTable(): string[] {
  return [...MODEL_REGION_TABLE.keys()];
}

/**
 * How the documentation says a model is offered in a Region: `on_demand` (its bare id answers there),
 * `profile_only` (only through an inference profile called from there), `offered` (named for that Region without
 * saying how), `not_offered` (a Region the tables cover that names neither). Undefined when the model or the Region
 * is not in the table: nothing is known.
 */
export type ModelRegionOffer = 'on_demand' | 'profile_only' | 'offered' | 'not_offered';

export function modelOfferInRegion(modelId: string, region: string): ModelRegionOffer | undefined {
  const row = modelRegionAvailability(modelId);
  if (!row || !COLUMNS.has(region)) return undefined;
  if (row.onDemand.has(region)) return 'on_demand';
  if (!row.offered.has(region)) return 'not_offered';
  return row.profile.has(region) ? 'profile_only' : 'offered';
}
