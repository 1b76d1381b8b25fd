/** Model ids against the message: aliases without a provider, geography-bound profiles called from elsewhere. */
import { isDocumentedFoundationModel, isProfileOnlyModel, splitInferenceProfileId } from '../../aws-facts/models.js';
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

export function modelIdSignals(ctx: SignalContext): void {
  const { add, has, facts } = ctx;
  const { entities } = facts;
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
