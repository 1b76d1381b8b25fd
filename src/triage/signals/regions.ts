/** Regions and partitions: opt-in regions, regions without Bedrock, unreachable endpoints, model ARNs elsewhere. */

import { isFoundationModelId } from '../../aws-facts/models.js';
import {
  bedrockOffered,
  isKnownRegion,
  isOptInRegion,
  isRegionCode,
  REGION_CODE_PATTERN,
  regionInfo,
} from '../../aws-facts/regions.js';
import { serviceFromSdkName } from '../entities.js';
import { NO_CREDENTIALS_MESSAGES } from '../families/groups.js';
import { clip, sentenceAround } from '../quote.js';
import { hasWord } from './families.js';
import type { SignalContext } from './types.js';

/** EC2's PendingVerification for one region: "Your request for accessing resources in this region is being validated". */
const REGION_VALIDATION =
  /\bresources in this region is being validated\b|\bthis region until the validation is complete\b/;

const NETWORK_PATH =
  /\b(?:https?_proxy|proxy|firewall|vpn|timed out|time out|timeout|econnrefused|etimedout|econnreset|connect timeout|tls handshake)\b/i;
/** Prose about another partition: GovCloud or China keys are unknown in the commercial partition and back. */
const PARTITION_PROSE =
  /\bgov ?cloud\b|\baws-us-gov\b|\baws-cn\b|\bchina (?:region|partition|account)s?\b|\baws china\b|\bamazonaws\.com\.cn\b|\b(?:beijing|ningxia) region\b/i;

/** A Bedrock model or profile ARN in another region than the call (under an explicit deny: where it was routed). */
/** A host of another AWS service in a region (rekognition.eu-west-3.amazonaws.com), and a Bedrock host. */
const OTHER_SERVICE_HOST = new RegExp(`\\b(?!bedrock)[a-z0-9-]{2,40}\\.${REGION_CODE_PATTERN}\\.amazonaws\\.com\\b`);
const BEDROCK_HOST = new RegExp(
  `\\bbedrock(?:-runtime|-agent-runtime|-agent)?(?:-fips)?\\.${REGION_CODE_PATTERN}\\.amazonaws\\.com\\b`,
);

/** The value a client was handed as its region, as botocore quotes it: `Provided region_name 'x' doesn't match`. */
const PROVIDED_REGION = /\bprovided region_name '([^'\n]{1,120})'/i;
/**
 * The person says the region was left out and the call works with it: "without `region_name` ... this works
 * (with region_name=...)", "no region was set", "after setting AWS_REGION it works".
 */
const REGION_LEFT_OUT =
  /\bwithout (?:a |the |setting |specifying |passing )?[`'"]?(?:region|region_name|aws_region|aws_default_region)\b|\bno region (?:is |was )?(?:set|configured|specified|given|passed)\b|\b(?:after|once|when) (?:i |we )?(?:set|setting|add|adding|pass|passing|specify|specifying) (?:the )?[`'"]?(?:region|region_name|aws_region|aws_default_region)\b[^.\n]{0,40}\b(?:works?|worked)\b/i;

export function modelArnElsewhere(ctx: SignalContext) {
  const region = ctx.facts.entities.region;
  return ctx.facts.arns.find(
    (a) => a.service === 'bedrock' && isRegionCode(a.region) && region !== undefined && a.region !== region,
  );
}

export function regionSignals(ctx: SignalContext): void {
  const { add, has, facts, norm, token, tokenFamily } = ctx;
  const { entities } = facts;
  const failingRegions = facts.regions.filter((r) => !facts.workingRegions.includes(r));
  const optIn = failingRegions.find(isOptInRegion);
  const working = facts.workingRegions.find((r) => regionInfo(r)?.optIn === false);
  // An error no family knows ("http 400 with a bucket in af-south-1; eu-west-1 works") that fails only in an opt-in
  // region while a default one works is the region not enabled, whatever the wrapper printed.
  const onlyOptInFails = optIn !== undefined && working !== undefined && has('unrecognized_error');
  const optInFires = optIn !== undefined && (tokenFamily || has('token_expired') || onlyOptInFails);
  if (optIn && optInFires) {
    add('opt_in_region', `the region ${optIn} is opt-in (launched after 2019-03-20)`);
    if (working) add('fails_only_in_opt_in_region', `the text says it works in ${working} but fails in ${optIn}`);
    if (token.length !== undefined && token.length < 500) {
      add('v1_session_token', `the pasted session token is ${token.length} characters long`);
    }
  }
  // A model id handed to the client as its region: the code passed its arguments in the wrong order or slot.
  const provided = has('no_region') ? PROVIDED_REGION.exec(norm.flat)?.[1] : undefined;
  // A Bedrock model id (`amazon.titan-embed-text-v1`) or an ARN is no region however it is spelt.
  if (provided && (isFoundationModelId(provided) || provided.startsWith('arn:'))) {
    add('model_id_as_region', `the client was given "${clip(provided, 60)}", a model id, as its region`);
  }
  const leftOut = has(...NO_CREDENTIALS_MESSAGES, 'no_region', 'unrecognized_error')
    ? REGION_LEFT_OUT.exec(norm.flat)
    : null;
  if (leftOut) {
    add('region_left_out', `the text says "${clip(sentenceAround(norm.flat, leftOut.index, leftOut[0].length), 140)}"`);
  }
  const validating = has('account_blocked') ? REGION_VALIDATION.exec(norm.lower) : null;
  if (validating) {
    add(
      'region_being_validated',
      `the error says "${clip(sentenceAround(norm.flat, validating.index, validating[0].length), 140)}"`,
    );
  }
  // The call's own region is enabled by default and no opt-in region appears anywhere in the text.
  const callRegion = entities.region ? regionInfo(entities.region) : undefined;
  const defaultRegion = callRegion?.optIn === false && callRegion.partition === 'aws' ? entities.region : undefined;
  if (defaultRegion && tokenFamily && !facts.regions.some(isOptInRegion)) {
    add('region_not_opt_in', `the call goes to ${defaultRegion}, a region enabled by default`);
  }
  const region = entities.region;
  // The service entity keeps the SDK's own spelling (`BedrockRuntime`, `EC2`): compared by its endpoint prefix.
  const service = serviceFromSdkName(entities.service ?? '');
  const bedrockCall = /bedrock/.test(service) || hasWord(norm.lower, 'bedrock');
  if (region && isKnownRegion(region) && !bedrockOffered(region) && bedrockCall && service !== 'ec2') {
    add('bedrock_not_in_region', `the call goes to ${region}, where Amazon Bedrock is not offered`);
  }
  const unknownRegion = facts.unknownRegions[0];
  if (unknownRegion) add('unknown_region', `"${unknownRegion}" is not an AWS region`);
  // Only a Bedrock host that did not resolve says something about Bedrock's regions (not rekognition.eu-west-3).
  const otherServiceHost = OTHER_SERVICE_HOST.test(norm.lower);
  const bedrockHost = BEDROCK_HOST.test(norm.lower);
  if (
    has('endpoint_unreachable') &&
    region &&
    bedrockOffered(region) &&
    !unknownRegion &&
    (bedrockHost || !otherServiceHost)
  ) {
    const network = NETWORK_PATH.exec(norm.flat);
    add(
      network ? 'network_path' : 'endpoint_region_valid',
      network
        ? `the region ${region} offers Bedrock and the text mentions "${clip(network[0], 30)}"`
        : `the region ${region} offers Bedrock, so its endpoint exists`,
    );
  }
  const modelArn = modelArnElsewhere(ctx);
  // Under an explicit deny, a model ARN in another region is where a cross-region profile routed the call.
  if (modelArn && !has('denied_explicit'))
    add('model_region_mismatch', `the model ARN is in ${modelArn.region} but the call goes to ${region}`);
  const otherWorking = facts.workingRegions.find((r) => region !== undefined && r !== region);
  if (otherWorking && region && !optInFires) {
    add('other_region_works', `the text says ${otherWorking} works while the call goes to ${region}`);
  }

  // Partition.
  const otherPartition =
    facts.arns.find((a) => a.partition !== 'aws')?.raw ??
    facts.regions.find((r) => {
      const p = regionInfo(r)?.partition;
      return p !== undefined && p !== 'aws';
    });
  const commercial = facts.regions.some((r) => regionInfo(r)?.partition === 'aws');
  if (otherPartition && tokenFamily) {
    add(
      'partition_mismatch',
      commercial
        ? `the text mixes ${clip(otherPartition, 80)} with a commercial-partition region`
        : `the text names ${clip(otherPartition, 80)}, outside the commercial partition: keys of one partition are unknown in the others`,
    );
  } else if (tokenFamily) {
    const partition = PARTITION_PROSE.exec(norm.flat);
    if (partition) {
      add(
        'partition_mismatch',
        `the text says "${clip(sentenceAround(norm.flat, partition.index, partition[0].length), 140)}": keys of one partition are unknown in the others`,
      );
    }
  }
}
