/**
 * What invoking the model involves: the foundation model behind it, the inference profile (if any) and every
 * region the call is routed to. A call through a cross-region profile needs bedrock:InvokeModel* on the profile ARN
 * AND on the foundation-model ARN in every destination region (aws-facts 3.7).
 */
import { foundationModelArn, inferenceProfileArn, parseFoundationModelArn } from '../aws-facts/arns.js';
import { GLOBAL_ROUTING_REQUESTED_REGION, isGlobalProfileGeo } from '../aws-facts/models.js';
import { AwsCallError } from './check.js';
import type { DiagnosisContext } from './context.js';

export interface RoutedModel {
  /** The aws:RequestedRegion the service evaluates this ARN with ("unspecified" for global routing). */
  region: string;
  arn: string;
}

export interface ModelPlan {
  kind: 'foundation-model' | 'inference-profile' | 'application-inference-profile';
  /** Region the call is made in. */
  sourceRegion: string;
  /** The foundation model behind the id; undefined when an application profile could not be read. */
  foundationModelId?: string;
  /** ARN of the inference profile, for profiles. */
  profileArn?: string;
  profileId?: string;
  profileStatus?: string;
  /** Foundation-model ARNs the call may reach, one per destination region. */
  routed: RoutedModel[];
  /** False when the profile could not be read and `routed` is a guess (the source region only). */
  routingKnown: boolean;
  /** Why the routing is unknown. */
  routingError?: AwsCallError;
  /** A `global.*` profile: any commercial region, evaluated as the region-less model ARN with "unspecified". */
  global?: boolean;
}

export function resolveModelPlan(ctx: DiagnosisContext): Promise<ModelPlan> {
  return ctx.shared('modelPlan', () => fetchModelPlan(ctx));
}

async function fetchModelPlan(ctx: DiagnosisContext): Promise<ModelPlan> {
  const { model, region, partition, accountId } = ctx.input;
  if (!model) throw new Error('no model in this diagnosis');
  if (model.kind === 'foundation-model') {
    return {
      kind: 'foundation-model',
      sourceRegion: region,
      foundationModelId: model.modelId,
      routed: [{ region, arn: foundationModelArn(partition, region, model.modelId) }],
      routingKnown: true,
    };
  }
  const profileArn =
    model.kind === 'application-inference-profile'
      ? model.arn
      : inferenceProfileArn(partition, region, accountId, model.profileId);
  const global = model.kind === 'inference-profile' && isGlobalProfileGeo(model.geo);
  const guess: RoutedModel[] =
    model.kind === 'inference-profile' ? [{ region, arn: foundationModelArn(partition, region, model.modelId) }] : [];
  // Global routing needs the source region's model ARN and the region-less one (aws:RequestedRegion "unspecified"),
  // whatever the destination list says: that is what IAM and SCPs evaluate (bedrock-2025-2026 section 1.3).
  if (global && model.kind === 'inference-profile') guess.push(globalModel(partition, model.modelId));
  try {
    const profile = await ctx.inferenceProfile(
      region,
      model.kind === 'application-inference-profile' ? model.arn : model.profileId,
    );
    const routed: RoutedModel[] = [];
    for (const m of profile.models ?? []) {
      const parsed = m.modelArn ? parseFoundationModelArn(m.modelArn) : undefined;
      if (parsed && m.modelArn) routed.push({ region: parsed.region || region, arn: m.modelArn });
    }
    const baseModel = routed[0] ? parseFoundationModelArn(routed[0].arn)?.modelId : undefined;
    if (global && model.kind === 'inference-profile') {
      return {
        kind: model.kind,
        sourceRegion: region,
        foundationModelId: model.modelId,
        profileArn: profile.inferenceProfileArn ?? profileArn,
        profileId: profile.inferenceProfileId ?? model.profileId,
        profileStatus: profile.status,
        routed: guess,
        routingKnown: true,
        global: true,
      };
    }
    return {
      kind: model.kind,
      sourceRegion: region,
      foundationModelId: model.kind === 'inference-profile' ? model.modelId : baseModel,
      profileArn: profile.inferenceProfileArn ?? profileArn,
      profileId: profile.inferenceProfileId ?? model.profileId,
      profileStatus: profile.status,
      routed: routed.length > 0 ? sortSourceFirst(routed, region) : guess,
      routingKnown: routed.length > 0,
    };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    return {
      kind: model.kind,
      sourceRegion: region,
      foundationModelId: model.kind === 'inference-profile' ? model.modelId : undefined,
      profileArn,
      profileId: model.profileId,
      routed: guess,
      routingKnown: false,
      routingError: error,
      ...(global ? { global: true } : {}),
    };
  }
}

function globalModel(partition: string, modelId: string): RoutedModel {
  return { region: GLOBAL_ROUTING_REQUESTED_REGION, arn: foundationModelArn(partition, '', modelId) };
}

function sortSourceFirst(routed: RoutedModel[], source: string): RoutedModel[] {
  return [...routed].sort((a, b) => Number(b.region === source) - Number(a.region === source));
}

/** Distinct regions of a plan, the source region first. */
export function planRegions(plan: ModelPlan): string[] {
  return [...new Set([plan.sourceRegion, ...plan.routed.map((r) => r.region)])];
}
