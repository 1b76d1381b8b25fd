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
  return DOCUMENTED_FOUNDATION_MODEL_IDS.has(id.toLowerCase());
}
