/**
 * Runs before every test file: no test reaches the network, and the AWS SDK never picks up the machine's own
 * credentials, profile, region, endpoints or Bedrock bearer token.
 */
import nock from 'nock';
import { expect } from 'vitest';
import { CAPTURE_FILE_ENV } from './helpers/output-capture.js';

for (const name of Object.keys(process.env)) {
  if (name.startsWith('AWS_') || name.startsWith('SLACK_')) delete process.env[name];
}
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING = '1';

nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));

// Names the test file in the output captured for the final secret scan (test/secret-scan.global.ts).
process.env[CAPTURE_FILE_ENV] = expect.getState().testPath?.replace(`${process.cwd()}/`, '') ?? '';
