/** Access denials: model access never enabled, explicit denies on cross-region routed models. */
import { hasGeoPrefix } from '../../aws-facts/models.js';
import { serviceFromSdkName } from '../entities.js';
import { modelArnElsewhere } from './regions.js';
import type { SignalContext } from './types.js';

/**
 * Bedrock, a model, an API key or AWS Marketplace (whose missing subscription is the same cause for an AMI as for a
 * model) named anywhere: then Bedrock's own causes stay in play.
 */
const BEDROCK_TOPIC =
  /\bbedrock|\bmarketplace\b|\bmodels?\b|\bmodel ?id\b|\binference profile|\bclaude\b|\banthropic\b|\btitan\b|\bllama|\bnova\b|\bmistral|\bcohere\b|\bsagemaker\b|\bapi key\b|\bbearer\b/;

const MODEL_ACCESS_HINT =
  /\bmodel access page\b|\b(?:never|not) (?:requested|enabled|granted|requested access)\b|\brequest(?:ed)? (?:model )?access\b|\benable (?:model )?access\b/i;

/** "User: anonymous is not authorized to perform": the request reached AWS unsigned, with no credentials at all. */
const ANONYMOUS_PRINCIPAL = /\buser: anonymous is not authori[sz]ed to perform\b/;

/**
 * A permissions boundary named in the text ("permissions boundary", "permission-boundary", a user called
 * "permboundary"): IAM documents a boundary as the ceiling of what an identity may do, and an action outside it is
 * refused whatever the identity policies allow (DESIGN counts it among the explicit denies).
 */
const PERMISSIONS_BOUNDARY = /\bperm(?:ission)?s?[ _-]?boundar(?:y|ies)\b/;
/** The person's own "no permissions boundary is attached", "without a boundary": not one in play. */
const NO_BOUNDARY = /\b(?:no|not|without|isn't) (?:a |any )?perm(?:ission)?s?[ _-]?boundar(?:y|ies)\b/;

/**
 * The denied caller is an EC2 instance role session (`assumed-role/<role>/i-<instance id>`) of a shared host whose
 * workloads are meant to bring their own role: a Kubernetes node (a role named for EKS node groups or workers, or a
 * text about IRSA / Pod Identity / service accounts) or a self-hosted CI runner. EKS documents that a pod without
 * IRSA or Pod Identity credentials (or with an SDK too old to read them) gets the node's instance role through IMDS
 * (EKS User Guide, "IAM roles for service accounts"; best practices, "restrict access to the instance profile
 * assigned to the worker node"); a CI job whose OIDC token was not issued falls back to the runner's instance role
 * (aws-actions/configure-aws-credentials README, "id-token: write").
 */
const INSTANCE_SESSION = /:assumed-role\/([^/]{1,64})\/i-[0-9a-z*]{4,17}$/i;
const NODE_ROLE_NAME = /eks|node|worker|karpenter|runner/i;
const REDACTED_SESSION = /:assumed-role\/([^/]{1,64})\/(?:truncated|redacted|x{3,}|\*{3,}|\.{3}|<[^>]{1,30}>)$/i;
const BOUNDARY_REFUSED = /\bbecause no permissions boundary allows\b/;
const POD_ROLE_TOPIC = /\birsa\b|\bpod identity\b|\bservice ?account\b|\beks\.amazonaws\.com\/role-arn\b/;

/**
 * The denied caller is an unauthenticated Cognito identity-pool session of the enhanced flow
 * (`assumed-role/<unauth role>/CognitoIdentityCredentials`): Cognito adds the managed scope-down session policy
 * AmazonCognitoUnAuthedIdentitiesSessionPolicy to these credentials, so only the services it lists are allowed,
 * whatever the role allows (AWS managed policy reference; Cognito developer guide, identity pools auth flow). The
 * basic flow (the app calls AssumeRoleWithWebIdentity itself) gets no such policy.
 */
const COGNITO_ENHANCED_SESSION = /:assumed-role\/([^/]{1,64})\/CognitoIdentityCredentials$/;
const UNAUTH_ROLE_NAME = /unauth/i;

export function accessSignals(ctx: SignalContext): void {
  const { add, has, facts, norm } = ctx;
  const { entities } = facts;
  // Only under a denial that names no reason: AWS's own clause (explicit deny in / no permissions boundary allows)
  // already says which policy type refused.
  if (has('denied_principal', 'access_denied_bare') && !has('denied_explicit', 'denied_implicit')) {
    const boundary = PERMISSIONS_BOUNDARY.exec(norm.lower);
    if (boundary && !NO_BOUNDARY.test(norm.lower)) {
      add('permissions_boundary_named', `the text names a permissions boundary ("${boundary[0]}")`);
    }
  }
  // AWS's own clause naming the boundary as what refused ("because no permissions boundary allows the x action"): the
  // grant exists, the boundary on the principal caps it (DESIGN counts a boundary among the explicit denies' policies).
  if (has('denied_implicit') && BOUNDARY_REFUSED.test(norm.lower)) {
    add('permissions_boundary_named', 'AWS says no permissions boundary allows the action: the boundary refused it');
  }
  const session = facts.principal ? INSTANCE_SESSION.exec(facts.principal.raw) : null;
  // A redacted session name (`assumed-role/prod-worker/TRUNCATED`) keeps the role: a node role by its name alone.
  const redacted = facts.principal ? REDACTED_SESSION.exec(facts.principal.raw) : null;
  if (
    ((session && (NODE_ROLE_NAME.test(session[1] ?? '') || POD_ROLE_TOPIC.test(norm.lower))) ||
      (redacted && NODE_ROLE_NAME.test(redacted[1] ?? ''))) &&
    has('denied_principal', 'denied_implicit', 'denied_explicit', 'access_denied_bare')
  ) {
    add(
      'node_role_identity',
      `the denied caller ${facts.principal?.raw} is the instance role session of a node or runner`,
    );
  }
  const cognito = facts.principal ? COGNITO_ENHANCED_SESSION.exec(facts.principal.raw) : null;
  if (
    cognito &&
    UNAUTH_ROLE_NAME.test(cognito[1] ?? '') &&
    has('denied_principal', 'denied_implicit', 'access_denied_bare') &&
    !has('denied_explicit')
  ) {
    add(
      'cognito_unauth_session_policy',
      `the denied caller ${facts.principal?.raw} is an unauthenticated Cognito identity (enhanced flow), whose credentials carry Cognito's scope-down session policy`,
    );
  }
  if (ANONYMOUS_PRINCIPAL.test(norm.lower)) {
    add('anonymous_request', 'AWS names the caller "anonymous": the request carried no credentials or signature');
  }
  // The call went to another service than Bedrock (`Error putting S3 ACL`, `operation error EC2:`), and nothing in
  // the text is about Bedrock or a model: Bedrock's own causes (model access, model ids, inference profiles, API
  // keys) cannot be behind it, whatever share they hold among the reports of the bare message.
  const service = serviceFromSdkName(entities.service ?? '');
  if (service && !/bedrock/.test(service) && !BEDROCK_TOPIC.test(norm.lower)) {
    add('other_service_call', `the call went to ${entities.service}, not to Amazon Bedrock`);
  }
  const region = entities.region;
  const modelArn = modelArnElsewhere(ctx);
  if (has('model_access_denied') && MODEL_ACCESS_HINT.test(norm.flat)) {
    add('model_access_hint', 'the text says model access was not requested or enabled');
  }
  if (has('denied_explicit')) {
    const regionless = facts.arns.some(
      (a) => a.service === 'bedrock' && a.region === '' && a.resourceType === 'foundation-model',
    );
    const profile = hasGeoPrefix(entities.modelId ?? '');
    if (regionless || profile || modelArn) {
      add(
        'cross_region_profile_denied',
        regionless
          ? 'the denied resource is a foundation model with no region (arn:aws:bedrock:::foundation-model/...)'
          : profile
            ? `the model ${entities.modelId} is a cross-region inference profile`
            : `the denied model is in ${modelArn?.region}, not in ${region}, where the call was made: a cross-region inference profile routed it there`,
      );
    }
  }
}
