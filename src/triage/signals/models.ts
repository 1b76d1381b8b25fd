/** Model ids against the message: aliases without a provider, geography-bound profiles called from elsewhere. */
import {
  isDocumentedFoundationModel,
  isProfileOnlyModel,
  MODEL_REGION_SOURCE,
  modelOfferInRegion,
  splitInferenceProfileId,
} from '../../aws-facts/models.js';
import { REGION_CODE_PATTERN } from '../../aws-facts/regions.js';
import type { SignalContext } from './types.js';

/**
 * A region code glued in front of the model id ("bedrock/us-gov-west-1/anthropic.claude-..."): a client that put
 * the region into the model string sends "us-gov-west-1/anthropic..." as the modelId, which is no Bedrock id. ARNs
 * ("us-east-1::foundation-model/") and endpoints ("us-east-1.amazonaws.com/model/") never read this way.
 */
const REGION_IN_MODEL_ID = new RegExp(
  `(?<![a-z0-9.:-])(${REGION_CODE_PATTERN})/(?:[a-z]{2,7}\\.)?[a-z0-9-]{2,40}\\.[a-z0-9]`,
);

/** Whether a cross-region profile of this geography can be called from the region (`global.` from any). */
function profileGeoFits(geo: string, region: string): boolean {
  if (geo === 'global') return true;
  if (geo === 'us-gov') return region.startsWith('us-gov-');
  if (geo === 'us') return region.startsWith('us-') && !region.startsWith('us-gov-');
  if (geo === 'eu') return region.startsWith('eu-');
  if (geo === 'ca') return region.startsWith('ca-');
  return region.startsWith('ap-');
}

/** The model and region messages whose causes turn on where the model is offered. */
const MODEL_REGION_FAMILIES = [
  'model_id_invalid',
  'on_demand_unsupported',
  'on_demand_not_offered',
  'model_access_denied',
  'operation_not_offered',
  'not_in_region',
] as const;

/**
 * A documented model against the documented Regions it is offered in (aws-facts MODEL_REGION_SOURCE): called from a
 * Region the tables cover that offers it neither on demand nor through a profile, the message is about the Region;
 * called where it is offered, less so. A profile id (`eu.`, `global.`...) counts as offered wherever any profile of
 * the model is, and nowhere outside its geography. An unknown id says nothing. Linear: one table lookup.
 */
function modelRegionSignals(ctx: SignalContext, modelId: string | undefined, region: string | undefined): void {
  const { add, has } = ctx;
  if (!modelId || !region || !has(...MODEL_REGION_FAMILIES)) return;
  const profile = splitInferenceProfileId(modelId);
  if (profile && !profileGeoFits(profile.geo, region)) {
    // A geography's profile called from outside it is not offered there, whatever the model ("invalid" is
    // profile_id_invalid's).
    if (!has('model_id_invalid')) {
      add('model_not_offered_in_region', `${modelId} is a ${profile.geo}. profile, not offered from ${region}`);
    }
    return;
  }
  const offer = modelOfferInRegion(profile?.modelId ?? modelId, region);
  if (offer === undefined) return;
  const asOf = `Bedrock user guide, ${MODEL_REGION_SOURCE.published}`;
  if (offer === 'not_offered') {
    add(
      'model_not_offered_in_region',
      `${modelId} is not offered in ${region}, on demand or through an inference profile (${asOf})`,
    );
    return;
  }
  const id = profile?.modelId ?? modelId;
  // Where it is offered, an access refusal is the account's access to it in that Region.
  if (has('model_access_denied')) {
    add('model_offered_in_region', `${id} is offered in ${region} (${asOf})`);
    return;
  }
  // Where the model is offered, "invalid" of a real profile id is most often a client that sent it to another Region
  // than the text names (documented_model_profile): the table adds nothing.
  if (profile) return;
  if (offer === 'profile_only') {
    add('model_profile_only_in_region', `${id} is offered in ${region} only through inference profiles (${asOf})`);
  } else if (offer === 'on_demand' && !has('on_demand_unsupported', 'on_demand_not_offered')) {
    // (The bare id of a model served on demand there refused as "on-demand not supported": the two disagree.)
    add('model_on_demand_in_region', `${id} is offered in ${region} on demand (${asOf})`);
  }
}

/**
 * The model set to an ARN whose resource part has a slash (`ANTHROPIC_MODEL="arn:aws:bedrock:...:application-inference-
 * profile/abc"`): Bedrock takes the id in the URL path (`/model/{modelId}/invoke`), so the ARN must be URL-encoded
 * there (the SDKs send `%2F`); a client that builds the path itself and does not escape it sends Bedrock another path
 * (anthropics/claude-code#297, fixed in the client). Bounded: one key, one ARN head.
 */
const MODEL_ARN_SETTING =
  /\b(?:[a-z]{1,20}_)?model(?:_?id|_?arn)?["'`]?[ \t]{0,3}[:=][ \t]{0,3}["'`]?arn:aws[a-z-]{0,10}:bedrock:[^\s"'`]{0,80}?:(?:application-inference-profile|inference-profile|custom-model|provisioned-model|imported-model)\//;

export function modelIdSignals(ctx: SignalContext): void {
  const { add, has, facts } = ctx;
  const { entities } = facts;
  // Only when no AWS message names the failure: an error the client raised around a model ARN with a slash.
  if (has('unrecognized_error') && MODEL_ARN_SETTING.test(ctx.norm.lower)) {
    add(
      'model_arn_with_slash',
      'the model is an ARN with a "/" in it: a client that puts it into the URL path unescaped sends Bedrock another id',
    );
  }
  const region = entities.region;
  // A geography-bound inference profile id that Bedrock calls invalid: it is valid only in its own geography.
  // Bedrock ids always name the provider (anthropic.claude-...); "claude-sonnet-4-6" is another API's name for it.
  const modelId = entities.modelId;
  if (modelId && has('model_id_invalid') && !modelId.includes('.') && !modelId.startsWith('arn:')) {
    add('model_alias', `${modelId} is not a Bedrock model id (no provider prefix such as anthropic.)`);
  }
  const regionGlued = has('model_id_invalid') ? REGION_IN_MODEL_ID.exec(ctx.norm.lower) : null;
  if (regionGlued) {
    add('region_in_model_id', `the model string carries the region "${regionGlued[1]}/" in front of the model id`);
  }
  // A bare id of a documented model that Bedrock serves only through inference profiles, called "invalid".
  if (modelId && has('model_id_invalid') && isProfileOnlyModel(modelId) && !regionGlued) {
    add('profile_only_model', `${modelId} is a model Bedrock serves only through an inference profile (us., eu., ...)`);
  }
  modelRegionSignals(ctx, modelId, region);
  const profile = entities.modelId ? splitInferenceProfileId(entities.modelId) : undefined;
  // A geography profile of a model the user guide lists is a real id: "invalid" is where it was called from (the
  // profile does not exist in that geography, or the client sent it to another region), not the id. `global.`
  // routes from every region, so there it says nothing about the region.
  const documented = profile !== undefined && profile.geo !== 'global' && isDocumentedFoundationModel(profile.modelId);
  const outsideGeography = profile !== undefined && region !== undefined && !profileGeoFits(profile.geo, region);
  if (documented && has('model_id_invalid') && !outsideGeography) {
    add(
      'documented_model_profile',
      `${entities.modelId} is the ${profile.geo}. inference profile of ${profile.modelId}, a model Bedrock documents`,
    );
  }
  if (profile && region && has('model_id_invalid')) {
    if (!profileGeoFits(profile.geo, region)) {
      add('profile_id_invalid', `${entities.modelId} is a ${profile.geo}. profile but the call goes to ${region}`);
    } else if (!documented) {
      add(
        'profile_id_in_geography',
        `${entities.modelId} is a ${profile.geo}. profile and ${region} is in that geography`,
      );
    }
  }
}
