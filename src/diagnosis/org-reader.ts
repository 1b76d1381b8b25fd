/** The organization reader role's session for a fact module: assumed (cached by the role assumer), or why not. */
import type { AssumedRole } from '../aws/assume-role.js';
import { classifyAwsError, describeAwsError } from '../aws/errors.js';
import type { OrgReader } from './context.js';

export type OrgReaderSession = { ok: true; role: AssumedRole } | { ok: false; why: string };

/** Never throws: a failure is the sentence a report shows ("not read: the organization reader role ..."). */
export async function assumeOrgReader(reader: OrgReader): Promise<OrgReaderSession> {
  try {
    return { ok: true, role: await reader.assume() };
  } catch (error) {
    return {
      ok: false,
      why: `not read: the organization reader role ${reader.roleArn} could not be assumed (${describeAwsError(classifyAwsError(error))})`,
    };
  }
}
