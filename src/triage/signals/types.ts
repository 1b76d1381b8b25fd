/** Types shared by the signal detectors: the signals themselves, what was learned, and the detection context. */
import type { SecretKinds } from '../../secrets.js';
import type { EntityFacts } from '../entities.js';
import type { FamilyId } from '../families/index.js';
import type { NormalizedText } from '../normalize.js';
import type { ContextSignalId } from '../rules.js';
import type { ToolOutputs } from '../tool-output.js';

export type Signal =
  | { kind: 'family'; id: FamilyId; evidence: string }
  | { kind: 'context'; id: ContextSignalId; evidence: string };

/** What was learned about the session token, for signals and findings. */
export interface SessionTokenFacts {
  present: boolean;
  /** Where it was seen, for explanations. */
  where?: string;
  /** The text shows the credentials the client used and no token among them. */
  absent: boolean;
  absentWhere?: string;
  /** The token itself is shown empty (`AWS_SESSION_TOKEN=`, `"AWS_SESSION_TOKEN": null`, `aws_session_token=None`). */
  empty?: boolean;
  /** Length of the token value when it was pasted (v1 global-endpoint tokens are ~360 chars, v2 ~750). */
  length?: number;
}

export interface SkewFacts {
  /** Positive: the request was signed before AWS's time (client clock behind or request sent late). */
  seconds: number;
  signedAt: string;
  awsTime: string;
}

export interface SignalInput {
  norm: NormalizedText;
  /** The normalized text before secrets were scrubbed: only lengths are read from it, never values. */
  unscrubbed: string;
  facts: EntityFacts;
  tools: ToolOutputs;
  secrets: SecretKinds;
}

export interface SignalResult {
  signals: Signal[];
  token: SessionTokenFacts;
  skew?: SkewFacts;
  keyKind?: 'long_term' | 'temporary';
  families: Set<FamilyId>;
  /** Who sent an error that did not come from AWS (another provider, a proxy), when the text shows one. */
  senders: string[];
}

/** The key the text names or describes: long-term (AKIA), temporary (ASIA), with how to name it. */
export interface KeyKind {
  kind?: 'long_term' | 'temporary';
  label: string;
}

/** What every topic detector reads and how it reports. */
export interface SignalContext {
  input: SignalInput;
  norm: NormalizedText;
  facts: EntityFacts;
  tools: ToolOutputs;
  /** True when one of the message families matched. */
  has(...ids: readonly FamilyId[]): boolean;
  /** Records a context signal with the evidence for it. */
  add(id: ContextSignalId, evidence: string): void;
  token: SessionTokenFacts;
  key: KeyKind;
  /** A "security token invalid"-like message (or a bare 403) matched. */
  tokenFamily: boolean;
}

export const TOKEN_FAMILIES: readonly FamilyId[] = [
  'token_invalid',
  's3_token_invalid',
  'auth_failure',
  'key_id_not_exist',
  'generic_auth',
  'profile_check_failed',
];
/** AWS refusing the key or its session token as not valid (not merely absent): the messages a key's context explains. */
export const KEY_REFUSED_FAMILIES: readonly FamilyId[] = ['token_invalid', 's3_token_invalid', 'auth_failure'];
export const SIGNATURE_FAMILIES: readonly FamilyId[] = [
  'signature_mismatch',
  'signature_expired',
  'request_expired',
  'credential_scope_service',
];
