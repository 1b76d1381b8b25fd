/**
 * One set of AWS facts, one verdict: every surface that takes an AWS identifier (the slash command, the buttons,
 * the CLI/diagnosis target validation, the configuration, the accounts file, remediation, and triage's hand-over
 * of extracted values to a diagnosis) accepts and refuses exactly the same values. A surface that keeps its own
 * copy of a pattern drifts; this table catches it.
 */
import { describe, expect, it } from 'vitest';
import { openAccountsDirectory, parseAccountsYaml } from '../../src/accounts.js';
import { knownRegionCodes, partitionOfRegion } from '../../src/aws-facts/regions.js';
import { readConfig } from '../../src/config.js';
import { validateTarget } from '../../src/diagnosis/target.js';
import { checkKeyId } from '../../src/remediation/policy.js';
import type { Target } from '../../src/report.js';
import { decodeKeyActionValue, decodeTargetValue } from '../../src/slack/action-values.js';
import { parseCommand } from '../../src/slack/command-parser.js';
import { fieldsFromEntities, resolveCommandTarget } from '../../src/slack/diagnose-request.js';
import { triage } from '../../src/triage/index.js';

const ACCOUNT = '111122223333';
const KEY = 'AKIAIOSFODNN7EXAMPLE';

type Field = 'account' | 'key' | 'region' | 'model' | 'principal';
interface Row {
  field: Field;
  value: string;
  valid: boolean;
  /** Triage reads this value out of text unchanged (an ARN's model is read as its id, so it is left out). */
  triage?: boolean;
}

const rows: Row[] = [
  // Regions: commercial, opt-in, without Bedrock, every non-commercial partition.
  ...[
    'us-east-1',
    'eu-west-3',
    'ap-southeast-7',
    'mx-central-1',
    'ap-east-1',
    'eusc-de-east-1',
    'us-gov-west-1',
    'us-iso-east-1',
    'us-isob-east-1',
    'us-isof-south-1',
    'cn-north-1',
  ].map((value): Row => ({ field: 'region', value, valid: true, triage: true })),
  ...[
    'us-east-1a',
    'us-east-7',
    'us-east-99',
    'us-middle-1',
    'eusc-de-east-2',
    'US-EAST-1',
    'useast1',
    'mars-north-1',
    'us-isoe-east-1',
  ].map((value): Row => ({ field: 'region', value, valid: false, triage: true })),
  // Account ids.
  ...['111122223333', '000000000001'].map((value): Row => ({ field: 'account', value, valid: true, triage: true })),
  ...['11112222333', '1111222233334', 'abcdefghijkl', '11112222333a'].map(
    (value): Row => ({ field: 'account', value, valid: false, triage: true }),
  ),
  // Access key ids: long-term and temporary; look-alikes of other prefixes; outside the key alphabet; case.
  ...['AKIAIOSFODNN7EXAMPLE', 'AKIA6KM35B63OAKWSDWX', 'ASIAY34FZKBOKMUTVV7A'].map(
    (value): Row => ({ field: 'key', value, valid: true, triage: true }),
  ),
  ...[
    'AKIA0189ABCDEFGHIJKL',
    'AKIAIOSFODNN7EXAMP1E',
    'ABIAIOSFODNN7EXAMPLE',
    'ACCAIOSFODNN7EXAMPLE',
    'AIDAIOSFODNN7EXAMPLE',
    'akiaiosfodnn7example',
    'AKIAIOSFODNN7EXAMPL',
  ].map((value): Row => ({ field: 'key', value, valid: false, triage: true })),
  // Model ids and inference profiles (geo prefixes including global.), ARNs.
  ...[
    'anthropic.claude-3-haiku-20240307-v1:0',
    'us.anthropic.claude-3-haiku-20240307-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'apac.amazon.nova-lite-v1:0',
    'us-gov.anthropic.claude-3-haiku-20240307-v1:0',
  ].map((value): Row => ({ field: 'model', value, valid: true, triage: true })),
  ...[
    'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0',
    'arn:aws:bedrock:us-east-1:111122223333:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6',
  ].map((value): Row => ({ field: 'model', value, valid: true })),
  ...['sonnet', 'anthropic claude 3'].map((value): Row => ({ field: 'model', value, valid: false, triage: true })),
  ...[
    'arn:aws:bedrock:us-east-1:111122223333:inference-profile/xx.anthropic',
    'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/',
    'arn:aws:bedrock:us-east-1:111122223333:agent/ABCDEFGHIJ',
    'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/NOT_VALID',
  ].map((value): Row => ({ field: 'model', value, valid: false })),
  // Principals, every partition form.
  ...[
    `arn:aws:iam::${ACCOUNT}:user/alice`,
    `arn:aws:iam::${ACCOUNT}:role/service-role/BedrockApp`,
    `arn:aws:sts::${ACCOUNT}:assumed-role/BedrockApp/session-1`,
    `arn:aws:iam::${ACCOUNT}:root`,
  ].map((value): Row => ({ field: 'principal', value, valid: true, triage: true })),
  ...[
    `arn:aws:iam::${ACCOUNT}:group/admins`,
    'arn:aws:iam::11112222333:user/a',
    `arn:aws:sts::${ACCOUNT}:assumed-role/BedrockApp`,
    `arn:aws-foo:iam::${ACCOUNT}:user/alice`,
  ].map((value): Row => ({ field: 'principal', value, valid: false })),
];

/** A default region of the value's partition, so that the partition rule does not stand in for the region rule. */
function defaultRegionFor(region: string): string {
  return knownRegionCodes().find((c) => partitionOfRegion(c) === partitionOfRegion(region)) ?? 'us-east-1';
}

const OPTION: Record<Exclude<Field, 'account'>, string> = {
  key: 'key',
  region: 'region',
  model: 'model',
  principal: 'principal',
};

function targetWith(field: Field, value: string): Target {
  switch (field) {
    case 'account':
      return { accountId: value };
    case 'key':
      return { accountId: ACCOUNT, accessKeyId: value };
    case 'region':
      return { accountId: ACCOUNT, region: value };
    case 'model':
      return { accountId: ACCOUNT, modelId: value };
    case 'principal':
      return { accountId: ACCOUNT, principalArn: value };
  }
}

type Surface = (row: Row) => boolean | undefined;

const surfaces: Record<string, Surface> = {
  'slash command': ({ field, value }) => {
    const text = field === 'account' ? value : `${ACCOUNT} ${OPTION[field]}=${value}`;
    const parsed = parseCommand(text, { isKnownAccount: () => false });
    if (parsed.kind !== 'diagnose') return false;
    const resolved = resolveCommandTarget(parsed, 'C0CHANNEL', { triage, accounts: openAccountsDirectory });
    return resolved.ok && (field === 'account' ? resolved.request.target.accountId === value : true);
  },
  'diagnosis target (CLI, Slack, engine)': ({ field, value }) => {
    const defaultRegion = field === 'region' ? defaultRegionFor(value.toLowerCase()) : 'us-east-1';
    try {
      validateTarget(targetWith(field, value), { defaultRegion });
      return true;
    } catch {
      return false;
    }
  },
  'button value (diagnosis target)': ({ field, value }) => {
    const wire: Record<string, string> = { a: ACCOUNT };
    const key = { account: 'a', key: 'k', region: 'r', model: 'm', principal: 'p' }[field];
    wire[key] = value;
    return decodeTargetValue(JSON.stringify(wire)) !== undefined;
  },
  'configuration (AWS_REGION)': ({ field, value }) => {
    if (field !== 'region') return undefined;
    try {
      readConfig({ AWS_REGION: value }, 'cli');
      return true;
    } catch {
      return false;
    }
  },
  'accounts file': ({ field, value }) => {
    if (field !== 'account') return undefined;
    try {
      parseAccountsYaml(`accounts:\n  - id: "${value}"\n    approvers:\n      users: [U0APPROVER]\n`);
      return true;
    } catch {
      return false;
    }
  },
  'remediation (key button and policy)': ({ field, value }) => {
    if (field === 'model' || field === 'principal') return undefined;
    const wire: Record<string, string> = { a: ACCOUNT, u: 'alice', k: KEY };
    wire[{ account: 'a', key: 'k', region: 'r' }[field]] = value;
    const decoded = decodeKeyActionValue(JSON.stringify(wire)) !== undefined;
    if (field !== 'key') return decoded;
    // Temporary keys are valid key ids that policy refuses to rotate, for that reason and no other.
    const policy = checkKeyId(value);
    const policyAccepts = policy.ok || policy.reason === 'temporary_key';
    return decoded && policyAccepts;
  },
  'triage extraction handed to a diagnosis': (row) => {
    if (!row.triage) return undefined;
    const { field, value } = row;
    switch (field) {
      case 'account':
        return triage(`the account id is ${value}`).entities.accountId === value;
      case 'region': {
        const t = triage(`AWS_REGION=${value}`);
        const known = !t.findings.some((f) => f.includes(`"${value}" is not an AWS region`));
        return t.entities.region === value && known && fieldsFromEntities(t.entities).region === value;
      }
      case 'key':
        return fieldsFromEntities(triage(`aws_access_key_id = ${value}`).entities).accessKeyId === value;
      case 'model':
        return fieldsFromEntities(triage(`modelId: ${value}`).entities).modelId === value;
      case 'principal':
        return fieldsFromEntities(triage(`User: ${value} is not authorized`).entities).principalArn === value;
    }
  },
};

describe('every surface accepts and refuses the same AWS identifiers', () => {
  for (const [surface, accepts] of Object.entries(surfaces)) {
    describe(surface, () => {
      const applicable = rows.filter((row) => accepts(row) !== undefined);
      it.each(applicable.map((row) => [row.field, row.value, row.valid ? 'accepts' : 'refuses', row] as const))(
        '%s %s: %s',
        (_field, _value, _verdict, row) => {
          expect(accepts(row)).toBe(row.valid);
        },
      );
    });
  }

  it('covers each kind of identifier on at least three surfaces', () => {
    for (const field of ['account', 'key', 'region', 'model', 'principal'] as const) {
      const row = rows.find((r) => r.field === field && r.valid) as Row;
      const covering = Object.values(surfaces).filter((s) => s(row) !== undefined);
      expect(covering.length, field).toBeGreaterThanOrEqual(3);
    }
  });
});
