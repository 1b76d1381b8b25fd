/** docs/deployment.md stays true to the code: every metric it lists exists, and the paths and defaults match. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { OPS_PATHS } from '../src/ops/health.js';
import { BotMetrics } from '../src/ops/metrics.js';

const doc = readFileSync('docs/deployment.md', 'utf8');

describe('docs/deployment.md', () => {
  it('lists exactly the metrics the bot registers', async () => {
    const listed = [...doc.matchAll(/^\| `(\w+)` \| (?:counter|histogram) \|/gm)].map((m) => `bedrock403_${m[1]}`);
    const { body } = await new BotMetrics({ defaultMetrics: false }).render();
    const registered = [...body.matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(registered.sort());
  });

  it('names the served paths and the drain default the code uses', () => {
    for (const path of Object.values(OPS_PATHS)) expect(doc).toContain(`GET ${path}`);
    const config = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1-x', SLACK_APP_TOKEN: 'xapp-1-x', DIAG_EXTERNAL_ID: 'ext-1' });
    expect(doc).toContain(`DRAIN_TIMEOUT_SECONDS=${(config.drainTimeoutMs ?? 0) / 1000}`);
  });

  it('points at infra templates that exist, with their real parameter names', () => {
    for (const [file, params] of [
      ['infra/bot-runtime-role.yaml', ['OrganizationId', 'TrustEcsTasks', 'AdditionalTrustedPrincipalArn']],
      ['infra/diagnostic-role.yaml', ['BotRoleArn', 'ExternalId', 'OrganizationId']],
      ['infra/remediation-role.yaml', ['BotPrincipalArn', 'ExternalId', 'UserPath']],
    ] as const) {
      expect(doc).toContain(file);
      const template = readFileSync(file, 'utf8');
      for (const param of params) {
        expect(template, `${file} ${param}`).toMatch(new RegExp(`^  ${param}:$`, 'm'));
        expect(doc, `${file} ${param}`).toContain(param);
      }
    }
  });
});
