/**
 * Who answered an S3-style error. Storage services outside AWS (Alibaba Cloud OSS, Tencent COS, Cloudflare R2, MinIO
 * or another gateway behind an endpoint override) speak the S3 API and answer with S3's own codes and messages
 * (SignatureDoesNotMatch, InvalidAccessKeyId, RequestTimeTooSkewed): when the text shows such a service's host, or
 * an endpoint override to a host that is not AWS's, and no AWS endpoint, that service checked the request, not AWS.
 */
import {
  AWS_ENDPOINT_HOST_IN_TEXT,
  isAwsEndpointHost,
  S3_COMPATIBLE_MARKERS,
  S3_COMPATIBLE_SERVICES,
  s3CompatibleServiceOf,
} from '../../aws-facts/endpoints.js';
import { FAMILY_IDS } from '../families/types.js';
import { findPhrase } from './families.js';
import { SIGNATURE_FAMILIES, type SignalContext } from './types.js';

const HOST_CHAR = /[a-z0-9.-]/;
const MAX_HOST = 253;

/** The first host in the lower-case text that belongs to an S3-compatible service outside AWS. */
function s3CompatibleHost(lower: string): { host: string; name: string } | undefined {
  let best: { host: string; name: string; index: number } | undefined;
  for (const [domain] of S3_COMPATIBLE_SERVICES) {
    let from = 0;
    for (let tries = 0; tries < 20; tries++) {
      const index = lower.indexOf(domain, from);
      if (index < 0) break;
      from = index + 1;
      const end = index + domain.length;
      if (/[a-z0-9-]/.test(lower[end] ?? '') || /[a-z0-9-]/.test(lower[index - 1] ?? '')) continue;
      let start = index;
      while (start > 0 && index - start < MAX_HOST && HOST_CHAR.test(lower[start - 1] ?? '')) start--;
      const host = lower.slice(start, end).replace(/^[.-]+/, '');
      const name = s3CompatibleServiceOf(host);
      if (name && (best === undefined || start < best.index)) best = { host, name, index: start };
      break;
    }
  }
  return best && { host: best.host, name: best.name };
}

/**
 * An endpoint override in the text (`--endpoint-url http://127.0.0.1:7070`, `endpoint_url="http://minio:9000"`,
 * `AWS_ENDPOINT_URL_S3=...`, Java's `endpointOverride(URI.create("..."))`, a JS client's `endpoint: "..."`).
 */
const ENDPOINT_OVERRIDE =
  /(?:--endpoint-url|\bendpoint_url|\baws_endpoint_url(?:_[a-z0-9]{1,30})?|\bendpointoverride|\bendpoint)["']?[ \t]{0,3}[=:(]?[ \t]{0,3}(?:uri\.create\()?["']?https?:\/\/([a-z0-9.-]{1,253})(?::(\d{1,5}))?/i;
/** LocalStack's edge port and names: the emulator signals read those (credential-source.ts). */
const EMULATOR_HOST = /localstack|^moto/;

/** S3-style errors an S3-compatible server sends itself: signing, the key, a bare access denial. */
const S3_STYLE_FAMILIES = [
  ...SIGNATURE_FAMILIES,
  'key_id_not_exist',
  's3_token_invalid',
  'access_denied_bare',
] as const;

/** Adds the signal and returns who answered, for the finding that names the sender. */
export function endpointSignals(ctx: SignalContext): string | undefined {
  const { add, has, norm } = ctx;
  if (!has(...FAMILY_IDS) || AWS_ENDPOINT_HOST_IN_TEXT.test(norm.lower)) return undefined;
  const service = s3CompatibleHost(norm.lower);
  if (service) {
    add(
      's3_compatible_service',
      `the error came from ${service.name} (${service.host}), a storage service outside AWS that answers with S3's error messages`,
    );
    return `${service.name} (${service.host})`;
  }
  const marker = S3_COMPATIBLE_MARKERS.find(([field]) => findPhrase(norm.lower, field) >= 0);
  if (marker) {
    add(
      's3_compatible_service',
      `the error came from ${marker[1]} (its own "${marker[0]}" field), a storage service outside AWS that answers with S3's error messages`,
    );
    return marker[1];
  }
  if (!has(...S3_STYLE_FAMILIES)) return undefined;
  const override = ENDPOINT_OVERRIDE.exec(norm.flat);
  const host = override?.[1]?.toLowerCase();
  if (!override || !host || isAwsEndpointHost(host) || EMULATOR_HOST.test(host) || override[2] === '4566')
    return undefined;
  const where = override[2] ? `${host}:${override[2]}` : host;
  add(
    'custom_endpoint',
    `the request went to the endpoint override ${where}, not to AWS: that server checked the signature or key itself`,
  );
  return `the S3-compatible server at ${where} (the endpoint override, not AWS)`;
}
