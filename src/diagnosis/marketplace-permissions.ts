/**
 * May the principal start the AWS Marketplace subscription of a third-party model? The first call of a model sold
 * through Marketplace makes Bedrock subscribe the account in the caller's name, which needs the caller to be allowed
 * aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions (aws-facts/marketplace.ts). This module decides
 * whether that question arises (not for models of providers AWS does not sell through Marketplace, not once the
 * account's agreement is AVAILABLE: then every principal may call the model without Marketplace permissions) and
 * answers it with iam:SimulatePrincipalPolicy for the principal (the permissions check's path: resolvePrincipal,
 * ctx.simulate, rowsFromResults). The model_access check words the outcome.
 */
import { describeAwsError } from '../aws/errors.js';
import { MARKETPLACE_SUBSCRIBE_ACTIONS, modelSellerOf } from '../aws-facts/marketplace.js';
import { AwsCallError, CheckSkipped } from './check.js';
import type { DiagnosisContext } from './context.js';
import { resolvePrincipal, type SimulationPrincipal } from './principal.js';
import { rowsFromResults, type SimulationRow } from './simulation.js';

export type MarketplacePermissions =
  /** The provider's models are not sold through AWS Marketplace (Amazon, Meta, Mistral AI...). */
  | { state: 'not_needed'; why: string }
  /** The account's agreement is AVAILABLE: the subscription exists, nobody needs the Marketplace actions. */
  | { state: 'agreement_in_place'; why: string }
  /** The question arises but could not be answered (no principal to simulate, the simulation failed). */
  | { state: 'not_simulated'; why: string }
  | { state: 'simulated'; principal: SimulationPrincipal; rows: SimulationRow[] };

/**
 * `agreement` is the status GetFoundationModelAvailability gave (undefined when it could not be read: then the
 * pasted error is what raised the question).
 */
export function marketplacePermissions(
  ctx: DiagnosisContext,
  modelId: string,
  agreement: string | undefined,
): Promise<MarketplacePermissions> {
  return ctx.shared(`marketplacePermissions:${modelId}`, async (): Promise<MarketplacePermissions> => {
    const seller = modelSellerOf(modelId);
    if (!seller.marketplace) {
      return {
        state: 'not_needed',
        why: `${seller.providerName ?? seller.provider} models are not sold through AWS Marketplace: no aws-marketplace permission is needed`,
      };
    }
    if (agreement === 'AVAILABLE') {
      return {
        state: 'agreement_in_place',
        why:
          'not simulated: the Marketplace agreement is AVAILABLE, so every principal of the account may call the ' +
          'model without aws-marketplace permissions',
      };
    }
    let principal: SimulationPrincipal;
    try {
      principal = await resolvePrincipal(ctx);
    } catch (error) {
      if (error instanceof CheckSkipped) return { state: 'not_simulated', why: `not simulated: ${error.message}` };
      if (error instanceof AwsCallError) {
        return { state: 'not_simulated', why: `not simulated: ${describeAwsError(error.info)} (${error.action})` };
      }
      throw error;
    }
    try {
      // Resource "*": the Marketplace actions have no resource type, and the AccessDenied of a failed first call
      // reads "not authorized to perform: aws-marketplace:Subscribe on resource: *".
      const results = await ctx.simulate({
        PolicySourceArn: principal.arn,
        ActionNames: [...MARKETPLACE_SUBSCRIBE_ACTIONS],
        ResourceArns: ['*'],
      });
      return { state: 'simulated', principal, rows: rowsFromResults(results, ['*'], 'not set') };
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      return {
        state: 'not_simulated',
        why: `not simulated: ${error.action} failed: ${describeAwsError(error.info)}`,
      };
    }
  });
}

/** Rows that block the subscription (a confirmed deny of any kind); "could not confirm" rows are not blocking. */
export function blockingRows(rows: readonly SimulationRow[]): SimulationRow[] {
  return rows.filter((r) => r.verdict !== 'allowed' && r.verdict !== 'unconfirmed');
}
