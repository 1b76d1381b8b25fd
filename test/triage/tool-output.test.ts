/** Parsers for pasted output of the commands triage asks people to run. */
import { describe, expect, it } from 'vitest';
import {
  isPresentValue,
  parseCallerIdentity,
  parseConfigureList,
  parseCredentialVars,
  parseKeyStatuses,
} from '../../src/triage/tool-output.js';

describe('aws configure list', () => {
  it('reads each row with value, type and location', () => {
    const list = parseConfigureList(`      Name                    Value             Type    Location
      ----                    -----             ----    --------
   profile                <not set>             None    None
access_key     ****************ABCD              env    
secret_key     ****************EFGH              env    
    region                eu-west-1      config-file    ~/.aws/config`);
    expect(list?.profile).toEqual({ value: '<not set>', type: 'None', location: 'None' });
    expect(list?.accessKey).toEqual({ value: '****************ABCD', type: 'env', location: '' });
    expect(list?.region).toEqual({ value: 'eu-west-1', type: 'config-file', location: '~/.aws/config' });
  });

  it('ignores prose that happens to start with the same words', () => {
    expect(parseConfigureList('profile is set to dev\nregion should be us-east-1')).toBeUndefined();
  });
});

describe('aws sts get-caller-identity', () => {
  const identity = {
    account: '111122223333',
    arn: 'arn:aws:iam::111122223333:user/ci',
    userId: 'AIDAQWERTYUIOPASDFGHJ',
  };

  it('reads JSON, table and text output', () => {
    expect(
      parseCallerIdentity(`{
    "UserId": "AIDAQWERTYUIOPASDFGHJ",
    "Account": "111122223333",
    "Arn": "arn:aws:iam::111122223333:user/ci"
}`),
    ).toEqual(identity);
    expect(
      parseCallerIdentity(`-----------------------------------------------------
|                 GetCallerIdentity                 |
+---------+-----------------------------------------+
|  Account|  111122223333                           |
|  Arn    |  arn:aws:iam::111122223333:user/ci      |
|  UserId |  AIDAQWERTYUIOPASDFGHJ                  |
+---------+-----------------------------------------+`),
    ).toEqual(identity);
    expect(parseCallerIdentity('111122223333\tarn:aws:iam::111122223333:user/ci\tAIDAQWERTYUIOPASDFGHJ')).toEqual(
      identity,
    );
  });

  it('does not take the error of a failed get-caller-identity for its output', () => {
    expect(
      parseCallerIdentity('An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: x'),
    ).toBeUndefined();
  });
});

describe('credential variables', () => {
  it('reads env dumps, exports, PowerShell and credentials files', () => {
    const vars = parseCredentialVars(`AWS_ACCESS_KEY_ID=AKIASP2TPHJSQH3FJXYZ
export AWS_SESSION_TOKEN="[REDACTED]"
$env:AWS_PROFILE = "dev"
[default]
aws_secret_access_key = [REDACTED]
region = us-east-1`);
    expect(vars.listing).toBe(true);
    expect(vars.vars.get('AWS_ACCESS_KEY_ID')).toBe('AKIASP2TPHJSQH3FJXYZ');
    expect(vars.vars.get('AWS_SESSION_TOKEN')).toBe('[REDACTED]');
    expect(vars.vars.get('AWS_PROFILE')).toBe('dev');
    expect(vars.vars.get('AWS_SECRET_ACCESS_KEY')).toBe('[REDACTED]');
    expect(vars.vars.get('REGION')).toBe('us-east-1');
  });

  it('tells present values from empty and placeholder ones', () => {
    expect(isPresentValue('****')).toBe(true);
    expect(isPresentValue('[REDACTED]')).toBe(true);
    for (const v of [undefined, '', '  ', '<not set>', 'None', 'null', '""'])
      expect(isPresentValue(v), String(v)).toBe(false);
  });
});

describe('aws iam list-access-keys', () => {
  it('reads key statuses in JSON and text output', () => {
    expect(
      parseKeyStatuses(
        `{"AccessKeyMetadata": [{"UserName": "bot", "AccessKeyId": "AKIASP2TPHJSQH3FJXYZ", "Status": "Inactive", "CreateDate": "2024-01-01"}]}`,
      ),
    ).toEqual([{ accessKeyId: 'AKIASP2TPHJSQH3FJXYZ', status: 'Inactive' }]);
    expect(parseKeyStatuses('ACCESSKEYMETADATA\tAKIASP2TPHJSQH3FJXYZ\t2024-01-01T00:00:00Z\tActive\tbot')).toEqual([
      { accessKeyId: 'AKIASP2TPHJSQH3FJXYZ', status: 'Active' },
    ]);
  });
});
