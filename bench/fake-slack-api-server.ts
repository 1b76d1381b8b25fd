/** The fake Slack Web API (test/slack/helpers/fake-slack-api.ts) in its own process for ack.bench.ts. */
import { FakeSlackApi } from '../test/slack/helpers/fake-slack-api.js';

const api = new FakeSlackApi();
await api.start();
process.stdout.write(`API ${api.apiUrl} ${api.responseUrl('bench')}\n`);
process.on('SIGTERM', () => {
  process.stdout.write(`CALLS ${api.calls.length}\n`);
  api.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
