/**
 * Runs an approved remediation against AWS and says exactly what state it left. It never throws: every failure
 * becomes a `failed` outcome whose text names what was changed, what was not, and what to do next. Each action is a
 * straight line of steps; a step that cannot go on ends the run through `fail` (one place that builds a failure),
 * and a new key that must not stay is removed through `discardNewKey` (one place that deletes it or says it is
 * orphaned). When AWS may have acted without answering, the text says so instead of guessing.
 *
 * Rotation (the aws-samples design, aws-facts 6(c), without its automatic deletion):
 *   check the free key slot -> create the new key -> store it in Secrets Manager (bedrock-403/...) -> confirm that
 *   STS accepts it (bounded retries: IAM takes seconds to propagate) -> deactivate the old key.
 * A new key whose secret could not be stored is deleted again at once: nobody could ever use it.
 * Deactivate: read the last use, then UpdateAccessKey Inactive. Delete: only an inactive key.
 *
 * The new secret lives in a SecretValue and reaches only the Secrets Manager call and the STS probe.
 *
 * No change without its audit record: every step is recorded before the next change to the keys starts; when the
 * store cannot record one, the execution stops there (a new key whose creation could not be recorded is deleted
 * again) and the outcome says exactly what was and was not changed.
 */
import { credentialOf, type ExecutionOutcome, type RemediationRequest, type RemediationResult } from './model.js';
import { checkKeysFor } from './policy.js';
import {
  type AccessKeyMeta,
  awsErrorName,
  describeAwsFailure,
  type NewAccessKey,
  type RemediationAws,
} from './remediation-aws.js';
import { SecretValue } from './secret-value.js';

export const SECRET_PREFIX = 'bedrock-403/';

/** Waits before confirmation attempts 2, 3, ...: about a minute in all. */
export const DEFAULT_CONFIRM_DELAYS_MS: readonly number[] = [2000, 3000, 5000, 5000, 10_000, 10_000, 10_000, 15_000];

export interface ExecutorDeps {
  aws: RemediationAws;
  /**
   * Records a completed step before the next one starts; must not throw. Resolves false when the step could not be
   * recorded (store failing, or the request no longer executing): then no further change is made.
   */
  recordStep(step: string, detail: string, data?: Record<string, unknown>): Promise<boolean>;
  sleep(ms: number): Promise<void>;
  confirmDelaysMs?: readonly number[];
}

/** Names allowed in Secrets Manager: letters, digits and /_+=.@- (IAM user names may also hold commas). */
export function secretNameFor(request: RemediationRequest, newAccessKeyId: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9/_+=.@-]/g, '_');
  return `${SECRET_PREFIX}${request.accountId}/${clean(request.userName)}/${newAccessKeyId}`.slice(0, 512);
}

/** Tag values allow letters, digits, spaces and _.:/=+-@ (256 characters). */
const tagValue = (s: string) => s.replace(/[^A-Za-z0-9 _.:/=+@-]/g, '_').slice(0, 256);

/** A timeout or dropped connection after the request left: AWS may have acted even though we saw no answer. */
function mayHaveHappened(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'TimeoutError' || name === 'AbortError' || /ECONNRESET|socket hang up|EPIPE/i.test(String(error));
}

/** The failure text of an execution stopped because a step could not be recorded. */
const NOT_RECORDED = 'The step before this could not be written to the audit trail, so no further change was made.';

const keyIdsOf = (keys: readonly AccessKeyMeta[]) => keys.map((k) => `${k.accessKeyId} (${k.status})`).join(', ');

/** Thrown by `fail` inside a run; carries the outcome to the one catch in executeRemediation. */
class Stopped {
  constructor(readonly outcome: ExecutionOutcome) {}
}

/** Ends the run: nothing after this step happens, and `failure` says what state it left. */
function fail(result: RemediationResult, failure: string): never {
  throw new Stopped({ state: 'failed', result, failure });
}

/**
 * How deactivation and deletion reach one kind of credential: the same steps, checks and wording for access keys
 * and for long-term Bedrock API keys (IAM service-specific credentials); only the calls differ.
 */
interface CredentialOps {
  /** "key" or "Bedrock API key", in the outcome texts. */
  noun: string;
  /** "access keys" or "Bedrock API keys". */
  plural: string;
  list(aws: ExecutorDeps['aws'], userName: string): Promise<AccessKeyMeta[]>;
  setInactive(aws: ExecutorDeps['aws'], userName: string, id: string): Promise<void>;
  remove(aws: ExecutorDeps['aws'], userName: string, id: string): Promise<void>;
  updateCall: string;
  deleteCall: string;
  listCommand(userName: string): string;
  /** Reads the last use before a deactivation (access keys; IAM keeps none for API keys). */
  lastUse?(aws: ExecutorDeps['aws'], id: string): Promise<{ when: string; lastUsed: unknown }>;
  afterDeactivation(id: string): string[];
}

const ACCESS_KEY_OPS: CredentialOps = {
  noun: 'key',
  plural: 'access keys',
  list: (aws, user) => aws.listKeys(user),
  setInactive: (aws, user, id) => aws.setKeyStatus(user, id, 'Inactive'),
  remove: (aws, user, id) => aws.deleteKey(user, id),
  updateCall: 'UpdateAccessKey',
  deleteCall: 'DeleteAccessKey',
  listCommand: (user) => `aws iam list-access-keys --user-name ${user}`,
  async lastUse(aws, id) {
    const { lastUsed } = await aws.keyLastUsed(id);
    const when = lastUsed.date ? `${lastUsed.date} (${lastUsed.service}, ${lastUsed.region})` : 'never';
    return { when, lastUsed };
  },
  afterDeactivation: (id) => [
    `Anything still signing with ${id} now gets 403 InvalidClientTokenId. An admin can reactivate it if that was a mistake.`,
    `To issue a replacement, request a rotation; to remove ${id} for good, request its deletion.`,
  ],
};

const API_KEY_OPS: CredentialOps = {
  noun: 'Bedrock API key',
  plural: 'Bedrock API keys',
  list: (aws, user) => aws.listApiKeys(user),
  setInactive: (aws, user, id) => aws.setApiKeyStatus(user, id, 'Inactive'),
  remove: (aws, user, id) => aws.deleteApiKey(user, id),
  updateCall: 'UpdateServiceSpecificCredential',
  deleteCall: 'DeleteServiceSpecificCredential',
  listCommand: (user) =>
    `aws iam list-service-specific-credentials --user-name ${user} --service-name bedrock.amazonaws.com`,
  afterDeactivation: (id) => [
    `Calls with this API key (${id}) are now refused. An admin can reactivate it (update-service-specific-credential --status Active) if that was a mistake.`,
    'Generate a new key for the application that needs one (prefer short-term keys), and request the deletion of this one.',
  ],
};

function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

export async function executeRemediation(request: RemediationRequest, deps: ExecutorDeps): Promise<ExecutionOutcome> {
  try {
    const ops = credentialOf(request) === 'bedrock_api_key' ? API_KEY_OPS : ACCESS_KEY_OPS;
    if (request.action === 'rotate') {
      if (ops !== ACCESS_KEY_OPS)
        fail({ oldKeyStatus: 'unknown' }, 'A Bedrock API key cannot be rotated here. Nothing was changed.');
      return await rotate(request, deps);
    }
    if (request.action === 'deactivate') return await deactivate(request, deps, ops);
    return await deleteKey(request, deps, ops);
  } catch (error) {
    if (error instanceof Stopped) return error.outcome;
    // Only a bug gets here: every AWS call below has its own handling.
    return {
      state: 'failed',
      result: { oldKeyStatus: 'unknown' },
      failure: `Unexpected error during ${request.action}: ${describeAwsFailure(error)}. Check the keys of user ${request.userName} before acting again.`,
    };
  }
}

/** The user's keys now; nothing has been changed when this fails. */
async function listKeys(
  request: RemediationRequest,
  deps: ExecutorDeps,
  ops: CredentialOps = ACCESS_KEY_OPS,
): Promise<AccessKeyMeta[]> {
  try {
    return await ops.list(deps.aws, request.userName);
  } catch (error) {
    fail(
      { oldKeyStatus: 'unknown' },
      `Could not list the ${ops.plural} of user ${request.userName} (${describeAwsFailure(error)}). ` +
        'Nothing was changed. Check that the remediation role is deployed in the account and may list keys.',
    );
  }
}

function statusOf(keys: readonly AccessKeyMeta[], id: string): RemediationResult['oldKeyStatus'] {
  const status = keys.find((k) => k.accessKeyId === id)?.status;
  return status === 'Active' || status === 'Inactive' ? status : status === undefined ? 'Deleted' : 'unknown';
}

// ---- rotate ------------------------------------------------------------------------------------------------

/** What a rotation knows about the old key while it runs. */
interface Rotation {
  request: RemediationRequest;
  deps: ExecutorDeps;
  oldId: string;
  user: string;
  /** IAM's status of the old key when the rotation started. */
  oldStatus: string;
  oldKeyStatus: 'Active' | 'Inactive';
}

async function rotate(request: RemediationRequest, deps: ExecutorDeps): Promise<ExecutionOutcome> {
  const r = await checkFreeSlot(request, deps);
  const { oldId, user, oldStatus, oldKeyStatus } = r;

  const created = await createNewKey(r);
  const newId = created.accessKeyId;
  if (
    !(await deps.recordStep('new_key_created', `new key ${newId} created for user ${user}`, { newAccessKeyId: newId }))
  ) {
    // Without its record the new key must not stay: delete it again (its secret exists only in this process).
    await discardNewKey(r, newId, 'its creation could not be recorded', {
      deleted: `${NOT_RECORDED} The new key ${newId} was deleted again; old key ${oldId} is unchanged (${oldStatus}). Request the rotation again once the store works.`,
      orphaned: (why) =>
        `${NOT_RECORDED} Deleting the new key ${newId} afterwards failed (${why}), so it EXISTS but its secret is lost: ` +
        orphanAdvice(r, newId),
    });
  }

  const { secretArn, secretName } = await storeNewKey(r, created);
  const base: RemediationResult = { newAccessKeyId: newId, newKeyState: 'Active', secretArn, secretName };
  if (
    !(await deps.recordStep('secret_stored', `new key ${newId} stored in Secrets Manager as ${secretArn}`, {
      secretArn,
      secretName,
    }))
  ) {
    fail(
      { ...base, oldKeyStatus },
      `${NOT_RECORDED} The new key ${newId} is stored in ${secretArn}; the old key ${oldId} was NOT deactivated and ` +
        `is still ${oldStatus}. Check the new key from the secret; once it works, request deactivation of ${oldId}.`,
    );
  }

  const confirmedArn = await confirmNewKey(r, created, base);
  if (oldStatus === 'Active') {
    if (!confirmedArn.recorded) {
      fail(
        { ...base, confirmedArn: confirmedArn.arn, oldKeyStatus },
        `${NOT_RECORDED} The new key ${newId} works and is stored in ${secretArn}; the old key ${oldId} was NOT ` +
          `deactivated and is still Active: request its deactivation once the application uses the new key.`,
      );
    }
    try {
      await deps.aws.setKeyStatus(user, oldId, 'Inactive');
    } catch (error) {
      fail(
        { ...base, confirmedArn: confirmedArn.arn, oldKeyStatus: mayHaveHappened(error) ? 'unknown' : 'Active' },
        `The new key ${newId} works and is stored in ${secretArn}, but deactivating the old key ${oldId} failed ` +
          `(${describeAwsFailure(error)}). ${oldId} is probably STILL ACTIVE: request its deactivation once the ` +
          'application uses the new key.',
      );
    }
    await deps.recordStep('old_key_deactivated', `old key ${oldId} deactivated`);
  }

  return {
    state: 'done',
    detail: `rotated: new key ${newId} stored in ${secretArn}; old key ${oldId} is Inactive`,
    result: {
      ...base,
      confirmedArn: confirmedArn.arn,
      oldKeyStatus: 'Inactive',
      nextSteps: [
        `Point the application at the secret ${secretArn} (its role needs secretsmanager:GetSecretValue on it) and restart it.`,
        `The old key ${oldId} is Inactive, not deleted: if something breaks, an admin can reactivate it while the app is fixed.`,
        `When everything runs on ${newId}, request deletion of ${oldId} (a separate approved request).`,
      ],
    },
  };
}

/** Step 1: the user has a free key slot (IAM allows two keys), recorded before anything changes. */
async function checkFreeSlot(request: RemediationRequest, deps: ExecutorDeps): Promise<Rotation> {
  const oldId = request.accessKeyId;
  const user = request.userName;
  const keys = await listKeys(request, deps);
  const check = checkKeysFor('rotate', oldId, user, keys);
  if (!check.ok) fail({ oldKeyStatus: statusOf(keys, oldId) }, `${check.message} Nothing was changed.`);
  const oldStatus = check.key.status;
  const oldKeyStatus = oldStatus === 'Inactive' ? 'Inactive' : 'Active';
  if (!(await deps.recordStep('keys_checked', `user ${user} has ${keys.length} key(s): ${keyIdsOf(keys)}`))) {
    fail(
      { oldKeyStatus },
      `${NOT_RECORDED} Nothing was changed; old key ${oldId} is still ${oldStatus}. Request the rotation again once the store works.`,
    );
  }
  return { request, deps, oldId, user, oldStatus, oldKeyStatus };
}

/** Step 2: CreateAccessKey. Its secret lives only in this process from here on. */
async function createNewKey(r: Rotation): Promise<NewAccessKey> {
  const { oldId, user, oldStatus, oldKeyStatus } = r;
  try {
    return await r.deps.aws.createKey(user);
  } catch (error) {
    const why = describeAwsFailure(error);
    fail(
      { oldKeyStatus },
      awsErrorName(error) === 'LimitExceededException'
        ? `IAM refused a new key: user ${user} already has two keys (${why}). Nothing was changed; old key ${oldId} is still ${oldStatus}.`
        : mayHaveHappened(error)
          ? `CreateAccessKey did not answer (${why}): a new key may or may not have been created, and its secret was ` +
            `not received. Old key ${oldId} is still ${oldStatus}. List the keys of user ${user}, delete any key ` +
            'created just now, then request the rotation again.'
          : `Creating the new key failed (${why}). Nothing was changed; old key ${oldId} is still ${oldStatus}.`,
    );
  }
}

/** Step 3: the new key in Secrets Manager; a key whose secret could not be kept is discarded (nobody could use it). */
async function storeNewKey(r: Rotation, created: NewAccessKey): Promise<{ secretArn: string; secretName: string }> {
  const { request, oldId, user } = r;
  const newId = created.accessKeyId;
  const secretName = secretNameFor(request, newId);
  try {
    const payload = new SecretValue(
      JSON.stringify({ UserName: user, AccessKeyId: newId, SecretAccessKey: created.secretAccessKey.reveal() }),
    );
    const stored = await r.deps.aws.createSecret({
      name: secretName,
      description: `Access key ${newId} of IAM user ${user}, created by bedrock-403 request ${request.id} (replaces ${oldId})`,
      value: payload,
      clientRequestToken: request.id,
      tags: {
        'bedrock-403:user': tagValue(user),
        'bedrock-403:access-key-id': newId,
        'bedrock-403:replaces': oldId,
        'bedrock-403:request-id': request.id,
        ...(request.decidedBy ? { 'bedrock-403:approved-by': tagValue(request.decidedBy) } : {}),
      },
    });
    return { secretArn: stored.arn, secretName };
  } catch (error) {
    const why = describeAwsFailure(error);
    const failed = `Storing the new key in Secrets Manager (${secretName}) failed: ${why}.`;
    return discardNewKey(r, newId, 'its secret could not be stored', {
      deleted:
        `${failed} The new key ${newId} was deleted again, because its secret could not be kept and nobody could use ` +
        `it. Old key ${oldId} is unchanged (${r.oldStatus}). Let the remediation role create secrets under ` +
        `${SECRET_PREFIX}, then request the rotation again.`,
      orphaned: (deleteWhy) =>
        `${failed} Deleting the new key afterwards also failed (${deleteWhy}), so key ${newId} EXISTS but its secret ` +
        `is lost: ${orphanAdvice(r, newId)}`,
    });
  }
}

/**
 * Step 4: STS accepts the new key (bounded retries: IAM takes seconds to propagate). Returns the confirmed ARN and
 * whether the confirmation was recorded; a key STS never accepted ends the run with the old key untouched.
 */
async function confirmNewKey(
  r: Rotation,
  created: NewAccessKey,
  base: RemediationResult,
): Promise<{ arn: string; recorded: boolean }> {
  const { request, deps, oldId, oldStatus, oldKeyStatus } = r;
  const newId = created.accessKeyId;
  const delays = deps.confirmDelaysMs ?? DEFAULT_CONFIRM_DELAYS_MS;
  let confirmedArn: string | undefined;
  let lastError = '';
  let attempts = 0;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await deps.sleep(delays[attempt - 1] ?? 0);
    attempts = attempt + 1;
    try {
      const identity = await deps.aws.callerIdentityOf(newId, created.secretAccessKey);
      if (identity.account && identity.account !== request.accountId) {
        lastError = `STS says the new key belongs to account ${identity.account}, not ${request.accountId}`;
        break;
      }
      confirmedArn = identity.arn ?? `account ${identity.account ?? request.accountId}`;
      break;
    } catch (error) {
      lastError = describeAwsFailure(error);
    }
  }
  const waitedSeconds = Math.round(delays.slice(0, Math.max(0, attempts - 1)).reduce((a, b) => a + b, 0) / 1000);
  if (!confirmedArn) {
    fail(
      { ...base, oldKeyStatus },
      `The new key ${newId} was created and stored in ${base.secretArn}, but STS did not accept it after ${attempts} ` +
        `attempts over ${waitedSeconds} s (last answer: ${lastError}). The old key ${oldId} was NOT deactivated and ` +
        `is still ${oldStatus}. Check the new key from the secret; once it works, request deactivation of ${oldId}.`,
    );
  }
  const recorded = await deps.recordStep(
    'new_key_confirmed',
    `STS accepted the new key ${newId} as ${confirmedArn} (attempt ${attempts}, after ${waitedSeconds} s)`,
    { confirmedArn, attempts },
  );
  return { arn: confirmedArn, recorded };
}

/** How to remove a new key that exists but whose secret is lost. */
function orphanAdvice(r: Rotation, newId: string): string {
  return (
    `delete it (aws iam delete-access-key --user-name ${r.user} --access-key-id ${newId}). ` +
    `Old key ${r.oldId} is unchanged (${r.oldStatus}).`
  );
}

/**
 * A new key that must not stay (its secret cannot be kept or its creation not recorded) is deleted again, and the
 * run ends: `deleted` when that worked, `orphaned` (with why the deletion failed) when the key still exists.
 */
async function discardNewKey(
  r: Rotation,
  newId: string,
  reason: string,
  words: { deleted: string; orphaned: (deleteWhy: string) => string },
): Promise<never> {
  try {
    await r.deps.aws.deleteKey(r.user, newId);
  } catch (deleteError) {
    fail(
      { newAccessKeyId: newId, newKeyState: 'orphaned', oldKeyStatus: r.oldKeyStatus },
      words.orphaned(describeAwsFailure(deleteError)),
    );
  }
  await r.deps.recordStep('new_key_deleted', `new key ${newId} deleted again: ${reason}`);
  fail({ newAccessKeyId: newId, newKeyState: 'deleted', oldKeyStatus: r.oldKeyStatus }, words.deleted);
}

// ---- deactivate --------------------------------------------------------------------------------------------

async function deactivate(
  request: RemediationRequest,
  deps: ExecutorDeps,
  ops: CredentialOps,
): Promise<ExecutionOutcome> {
  const { aws, recordStep } = deps;
  const id = request.accessKeyId;
  const user = request.userName;
  const noun = ops.noun;
  let recorded: boolean;
  if (ops.lastUse) {
    try {
      const { when, lastUsed } = await ops.lastUse(aws, id);
      recorded = await recordStep('last_use_read', `key ${id} last used: ${when}`, { lastUsed });
    } catch (error) {
      recorded = await recordStep('last_use_read', `last use of ${id} could not be read: ${describeAwsFailure(error)}`);
    }
  } else {
    recorded = await recordStep(
      'last_use_read',
      `IAM records no last use for ${noun} ${id} (CloudTrail does: additionalEventData.callWithBearerToken)`,
    );
  }
  if (!recorded) {
    fail(
      { oldKeyStatus: 'Active' },
      `${NOT_RECORDED} Nothing was changed: ${noun} ${id} is still Active. Request the deactivation again once the store works.`,
    );
  }
  const status = statusOf(await listKeys(request, deps, ops), id);
  if (status === 'Deleted') {
    fail(
      { oldKeyStatus: 'Deleted' },
      `${capital(noun)} ${id} is no longer one of user ${user}'s keys (deleted meanwhile?). Nothing was changed.`,
    );
  }
  if (status === 'Inactive') {
    return {
      state: 'done',
      detail: `${noun} ${id} was already Inactive; nothing to change`,
      result: { oldKeyStatus: 'Inactive', nextSteps: [`${capital(noun)} ${id} was already inactive.`] },
    };
  }
  try {
    await ops.setInactive(aws, user, id);
  } catch (error) {
    fail(
      { oldKeyStatus: mayHaveHappened(error) ? 'unknown' : 'Active' },
      mayHaveHappened(error)
        ? `${ops.updateCall} did not answer (${describeAwsFailure(error)}): ${noun} ${id} may or may not be inactive now. ` +
            `Check it (${ops.listCommand(user)}).`
        : `Deactivating ${noun} ${id} failed (${describeAwsFailure(error)}). The key is unchanged and still Active.`,
    );
  }
  await recordStep('key_deactivated', `${noun} ${id} of user ${user} deactivated`);
  return {
    state: 'done',
    detail: `${noun} ${id} of user ${user} deactivated`,
    result: { oldKeyStatus: 'Inactive', nextSteps: ops.afterDeactivation(id) },
  };
}

// ---- delete ------------------------------------------------------------------------------------------------

async function deleteKey(
  request: RemediationRequest,
  deps: ExecutorDeps,
  ops: CredentialOps,
): Promise<ExecutionOutcome> {
  const id = request.accessKeyId;
  const user = request.userName;
  const noun = ops.noun;
  const keys = await listKeys(request, deps, ops);
  const status = statusOf(keys, id);
  if (status === 'Deleted') {
    return {
      state: 'done',
      detail: `${noun} ${id} was already deleted`,
      result: { oldKeyStatus: 'Deleted', nextSteps: [`${capital(noun)} ${id} no longer exists.`] },
    };
  }
  // An API key past its expiry cannot work any more: deleting it is as safe as deleting an inactive one.
  const expiredApiKey = ops !== ACCESS_KEY_OPS && keys.find((k) => k.accessKeyId === id)?.status === 'Expired';
  if (status !== 'Inactive' && !expiredApiKey) {
    fail(
      { oldKeyStatus: status },
      `${capital(noun)} ${id} is ${status}, not Inactive: refusing to delete a key that may be in use. Nothing was changed.`,
    );
  }
  try {
    await ops.remove(deps.aws, user, id);
  } catch (error) {
    const why = describeAwsFailure(error);
    fail(
      { oldKeyStatus: mayHaveHappened(error) ? 'unknown' : 'Inactive' },
      mayHaveHappened(error)
        ? `${ops.deleteCall} did not answer (${why}): ${noun} ${id} may or may not be deleted now. ` +
            `Check it (${ops.listCommand(user)}).`
        : `Deleting ${noun} ${id} failed (${why}). It is still there, Inactive.`,
    );
  }
  await deps.recordStep('key_deleted', `${noun} ${id} of user ${user} deleted`);
  return {
    state: 'done',
    detail: `${noun} ${id} of user ${user} deleted`,
    result: { oldKeyStatus: 'Deleted', nextSteps: [`${capital(noun)} ${id} is gone for good.`] },
  };
}
