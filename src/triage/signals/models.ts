/** Model ids against the message: aliases without a provider, geography-bound profiles called from elsewhere. */
import { isDocumentedFoundationModel, splitInferenceProfileId } from '../../aws-facts/models.js';
import type { SignalContext } from './types.js';

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
