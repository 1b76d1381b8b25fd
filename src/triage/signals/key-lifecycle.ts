/** The key's life: just created, working on a retry, deactivated, deleted or rotated, as the text or IAM says. */
import { clip, sentenceAround } from '../quote.js';
import type { SignalContext } from './types.js';

const KEY_JUST_CREATED = [
  /\b(?:just|newly|freshly|recently) (?:created|generated|issued|rotated)\b/i,
  /\bcreated (?:a |the |my )?new (?:access |iam )?key/i,
  /\bcreate-access-key\b/i,
  /\bCreateAccessKey\b/,
  /\baws_iam_access_key\b/,
  /\b(?:creates?|creating) (?:a |an |the )?(?:new )?(?:iam )?(?:access )?key\b/i,
  /\b(?:right|immediately|seconds?) after (?:creating|generating|rotating|creation|rotation|the key was created)/i,
  /\bsame second\b/i,
  /\bafter (?:the )?(?:new )?(?:iam )?(?:user|key|access key|credentials?|role) (?:creation|was created|were created|is created|are created|got created)\b/i,
  /\b(?:new|newly created) iam user\b/i,
  /\b(?:too soon|too quickly|right away|immediately) after (?:generating|creating|creation|generation)\b/i,
  /\bnot (?:yet )?(?:fully )?(?:live|propagated|active yet)\b|\beventual(?:ly)? consisten(?:t|cy)\b|\bpropagat(?:e|ed|es|ion)\b/i,
];
/** The same call succeeds when simply run again (IAM is eventually consistent: a new key or user propagates). */
const WORKS_ON_RETRY =
  /\b(?:next|second|another|subsequent) (?:[a-z]{2,12} )?(?:run|apply|attempt|try|deploy|deployment|call|invocation)s?\b[^.\n]{0,60}\b(?:works?|worked|succeeds?|succeeded|pass(?:es|ed)?)\b|\b(?:works?|worked|succeeds?|succeeded) (?:on|after|when|if) (?:a |the |i )?(?:retry|retrying|re-?run(?:ning)?|second (?:run|attempt|try)|a few seconds|some seconds|a (?:short )?delay|waiting|wait)\b|\b(?:add(?:ing|ed)?|with) (?:a )?\d{1,3}[- ]?(?:s|sec|secs|second|seconds) (?:delay|sleep|wait)\b|\bsleep \d{1,3}\b|\b(?:immediately|simply|just) re-?(?:apply|run|try)\b[^.\n]{0,80}\b(?:works?|worked|created|succeeds?|succeeded)\b|\bwait(?:ed|ing)? (?:about |around |for )?(?:\d{1,3}|a few|ten|five|fifteen|twenty|thirty) seconds?\b|\b(?:applying|running|deploying|trying|executing)(?: it)? (?:a |the )?second time\b[^.\n]{0,30}\b(?:works?|worked|succeeds?|succeeded|without (?:any )?(?:issues?|errors?|problems?))/i;
const KEY_DISABLED =
  /\bkeys?\b[^.\n]{0,40}\b(?:deactivated|disabled|inactive)\b|\b(?:deactivated|disabled)\b[^.\n]{0,40}\bkeys?\b/i;
/** The person reports the key's status as shown by IAM ("Status: Inactive", "shows as Inactive"). */
const KEY_STATUS_PROSE = /\bstatus:? ["']?inactive\b|\b(?:shows|shown|listed|marked) (?:as )?["']?inactive\b/i;
const KEY_DELETED =
  /\b(?:deleted|removed|rotated|revoked|replaced)\b[^.\n]{0,40}\b(?:keys?|users?|credentials)\b|\b(?:keys?|users?|credentials)\b[^.\n]{0,30}\b(?:was |were |is |got |has been )?(?:deleted|rotated|removed|revoked|gone|recreated)\b|\bold (?:access )?keys?\b|\btypo\b|\bmistyped\b|\btyped\b[^.\n]{0,40}\bby hand\b/i;

/**
 * Shaped like an access key id at all: upper-case letters and digits, 16 to 128 long (IAM's documented bounds).
 * Looser than aws-facts' isKeyIdShaped on purpose: a redacted `XXXX...` or an old prefix is still a key id.
 */
const KEY_ID_SHAPE = /^[A-Z0-9]{16,128}$/;

export function keyLifecycleSignals(ctx: SignalContext): void {
  const { add, has, facts, norm, tools, tokenFamily } = ctx;
  const { entities } = facts;
  // AWS echoes a key id no key ever had (`S3_UPLOADS_KEY`, `your-access-key`): the client sent a placeholder or the
  // name of a setting instead of its value; no real key, temporary or not, was sent.
  const keyId = entities.accessKeyId;
  if (keyId && !KEY_ID_SHAPE.test(keyId) && (tokenFamily || has('key_id_not_exist', 's3_token_invalid'))) {
    add('key_id_not_a_key', `the key id AWS received, "${clip(keyId, 40)}", is not an access key id at all`);
  }
  // A service refusing a role it cannot assume (Lambda, Step Functions), or CloudFormation's handler denied with a
  // role of the same stack, waits on IAM propagation like a new key.
  const propagates =
    tokenFamily || has('service_role_not_assumable', 'service_role_lacks_permission', 'cfn_handler_denied');
  const retried = propagates ? WORKS_ON_RETRY.exec(norm.flat) : null;
  if (retried) {
    add('works_on_retry', `the text says "${clip(sentenceAround(norm.flat, retried.index, retried[0].length), 140)}"`);
  }
  if (propagates || has('token_expired')) {
    const created = KEY_JUST_CREATED.map((re) => re.exec(norm.flat)).find((m) => m !== null);
    if (created && propagates) {
      add(
        'key_just_created',
        `the text says "${clip(sentenceAround(norm.flat, created.index, created[0].length), 140)}"`,
      );
    }
  }
  const inactive = tools.keyStatuses.find((s) => s.status === 'Inactive' && (!keyId || s.accessKeyId === keyId));
  const statusProse = KEY_STATUS_PROSE.exec(norm.flat);
  let disabledReported = inactive !== undefined || (statusProse !== null && tokenFamily);
  if (inactive) {
    add('key_status_inactive', `list-access-keys shows ${inactive.accessKeyId} with Status Inactive`);
  } else if (statusProse && tokenFamily) {
    add(
      'key_status_inactive',
      `the text says "${clip(sentenceAround(norm.flat, statusProse.index, statusProse[0].length), 140)}"`,
    );
  } else if (tokenFamily) {
    const disabled = KEY_DISABLED.exec(norm.flat);
    if (disabled) {
      const sentence = sentenceAround(norm.flat, disabled.index, disabled[0].length);
      // "Is the key disabled?" asks; "an admin deactivated the key" reports.
      const end = disabled.index + disabled[0].length;
      const asked = /^[^.!?]{0,60}\?/.test(norm.flat.slice(end, end + 61));
      disabledReported = !asked;
      add(asked ? 'key_disabled_question' : 'key_disabled_mention', `the text says "${clip(sentence, 140)}"`);
    }
  }
  // "Deactivated the old key during rotation": the key's stated status is the more specific fact.
  if (tokenFamily && !disabledReported) {
    const deleted = KEY_DELETED.exec(norm.flat);
    if (deleted)
      add(
        'key_deleted_mention',
        `the text says "${clip(sentenceAround(norm.flat, deleted.index, deleted[0].length), 140)}"`,
      );
  }
}
