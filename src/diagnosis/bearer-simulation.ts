/**
 * The decision IAM makes for a bearer-token call: bedrock:CallWithBearerToken (every Bedrock API key call is
 * authorized on it, besides the Bedrock action itself) and bedrock:InvokeModel, simulated for the principal behind
 * the key with bedrock:BearerTokenType and aws:RequestedRegion in the context, so that SCPs, boundaries and policies
 * that single out API keys are evaluated as for the real call.
 */
import type { ContextEntry } from '@aws-sdk/client-iam';
import { foundationModelArn } from '../aws-facts/arns.js';
import { BEARER_TOKEN_TYPE, BEARER_TOKEN_TYPE_KEY, CALL_WITH_BEARER_TOKEN } from '../aws-facts/bedrock-api-keys.js';
import type { ApiKeyType } from '../bedrock-api-keys/index.js';
import type { DiagnosisContext } from './context.js';
import { rowsFromResults, type SimulationRow } from './simulation.js';

export const BEARER_INVOKE_ACTION = 'bedrock:InvokeModel';

export function bearerContext(type: ApiKeyType, region: string): ContextEntry[] {
  return [
    { ContextKeyName: BEARER_TOKEN_TYPE_KEY, ContextKeyValues: [BEARER_TOKEN_TYPE[type]], ContextKeyType: 'string' },
    { ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: [region], ContextKeyType: 'string' },
  ];
}

/** The resource the Bedrock action is simulated on: the foundation model's ARN when one is named, else "*". */
function resourceOf(ctx: DiagnosisContext): string {
  const { model, partition, region } = ctx.input;
  if (model?.kind === 'foundation-model') return foundationModelArn(partition, model.region ?? region, model.modelId);
  return '*';
}

export async function simulateBearerCall(
  ctx: DiagnosisContext,
  principalArn: string,
  type: ApiKeyType,
): Promise<{ bearer?: SimulationRow; invoke?: SimulationRow; resource: string }> {
  const resource = resourceOf(ctx);
  const results = await ctx.simulate({
    PolicySourceArn: principalArn,
    ActionNames: [CALL_WITH_BEARER_TOKEN, BEARER_INVOKE_ACTION],
    ResourceArns: [resource],
    ContextEntries: bearerContext(type, ctx.input.region),
  });
  const rows = rowsFromResults(results, [resource], ctx.input.region);
  return {
    bearer: rows.find((r) => r.action === CALL_WITH_BEARER_TOKEN),
    invoke: rows.find((r) => r.action === BEARER_INVOKE_ACTION),
    resource,
  };
}
