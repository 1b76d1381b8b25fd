/**
 * Endpoint domains: which hosts are AWS's, and the storage services outside AWS that speak the S3 API and answer
 * with S3's own error codes and messages (SignatureDoesNotMatch, InvalidAccessKeyId, RequestTimeTooSkewed,
 * AccessDenied), so that an S3-style error from them reads like AWS's. Sources: the dnsSuffix of each partition in
 * the SDK's partitions.json (amazonaws.com, amazonaws.com.cn, amazonaws.eu, api.aws), and each provider's own
 * endpoint documentation for the S3-compatible API.
 */

/** Hosts of AWS service endpoints (every partition's DNS suffix, and dual-stack api.aws). */
const AWS_ENDPOINT_HOST = /(?:^|\.)(?:amazonaws\.com(?:\.cn)?|amazonaws\.eu|api\.aws)$/;
/** An AWS endpoint host anywhere in a text (`bedrock-runtime.us-east-1.amazonaws.com`, `s3.dualstack...api.aws`). */
export const AWS_ENDPOINT_HOST_IN_TEXT =
  /(?<![a-z0-9-])(?:[a-z0-9-]{1,63}\.){1,8}(?:amazonaws\.com(?:\.cn)?|amazonaws\.eu|api\.aws)(?![a-z0-9-])/i;

export function isAwsEndpointHost(host: string): boolean {
  return AWS_ENDPOINT_HOST.test(host.toLowerCase());
}

/** S3-compatible storage services outside AWS, by the domain of their endpoints. */
export const S3_COMPATIBLE_SERVICES: ReadonlyArray<readonly [domain: string, name: string]> = [
  ['aliyuncs.com', 'Alibaba Cloud OSS'],
  ['myqcloud.com', 'Tencent Cloud COS'],
  ['tencentcos.cn', 'Tencent Cloud COS'],
  ['myhuaweicloud.com', 'Huawei Cloud OBS'],
  ['bcebos.com', 'Baidu Cloud BOS'],
  ['ksyuncs.com', 'Kingsoft Cloud KS3'],
  ['qiniucs.com', 'Qiniu Kodo'],
  ['volces.com', 'Volcengine TOS'],
  ['r2.cloudflarestorage.com', 'Cloudflare R2'],
  ['digitaloceanspaces.com', 'DigitalOcean Spaces'],
  ['backblazeb2.com', 'Backblaze B2'],
  ['wasabisys.com', 'Wasabi'],
  ['storage.googleapis.com', "Google Cloud Storage's S3-interoperable API"],
  ['linodeobjects.com', 'Akamai (Linode) Object Storage'],
  ['cloud-object-storage.appdomain.cloud', 'IBM Cloud Object Storage'],
  ['storage.yandexcloud.net', 'Yandex Object Storage'],
  ['scw.cloud', 'Scaleway Object Storage'],
  ['your-objectstorage.com', 'Hetzner Object Storage'],
  ['contabostorage.com', 'Contabo Object Storage'],
  ['storjshare.io', 'Storj'],
  ['filebase.com', 'Filebase'],
];

/**
 * Fields only those services put in their S3-style error bodies or signatures: Alibaba Cloud OSS's
 * `<OSSAccessKeyId>` and `x-oss-` headers, Tencent COS's `q-sign-algorithm` signature parameters.
 */
export const S3_COMPATIBLE_MARKERS: ReadonlyArray<readonly [marker: string, name: string]> = [
  ['<ossaccesskeyid>', 'Alibaba Cloud OSS'],
  ['x-oss-date', 'Alibaba Cloud OSS'],
  ['q-sign-algorithm', 'Tencent Cloud COS'],
];

/** The S3-compatible service outside AWS a host belongs to (`bucket.oss-cn-beijing.aliyuncs.com`), if any. */
export function s3CompatibleServiceOf(host: string): string | undefined {
  const lower = host.toLowerCase();
  for (const [domain, name] of S3_COMPATIBLE_SERVICES) {
    if (lower === domain || lower.endsWith(`.${domain}`)) return name;
  }
  // Oracle's S3-compatible endpoint puts the region between: <namespace>.compat.objectstorage.<region>.oraclecloud.com.
  if (/\.compat\.objectstorage\.[a-z0-9-]{1,30}\.oraclecloud\.com$/.test(lower)) return 'Oracle Cloud Object Storage';
  return undefined;
}
