/**
 * Signals: the structured observations scoring works from. Message families (what AWS or the client said,
 * families.ts) and context signals by topic (key prefix against session token, regions, model ids, the key's life,
 * where the credentials came from, the client, signature details, access denials), each with the evidence seen in
 * this text, worded for the person. Detection is phrase lookup plus bounded regular expressions: linear in the text.
 */
import type { FamilyId } from '../families/index.js';
import type { ContextSignalId } from '../rules.js';
import { accessSignals } from './access.js';
import { clientSignals } from './client.js';
import { credentialSourceSignals } from './credential-source.js';
import { endpointSignals } from './endpoint.js';
import { detectFamilies } from './families.js';
import { keyLifecycleSignals } from './key-lifecycle.js';
import { modelIdSignals } from './models.js';
import { regionSignals } from './regions.js';
import { keyKindOf, keyTokenSignals, sessionTokenFacts } from './session-token.js';
import { signatureSignals } from './signature.js';
import { topicSignals } from './topics.js';
import { type Signal, type SignalContext, type SignalInput, type SignalResult, TOKEN_FAMILIES } from './types.js';

export type { SessionTokenFacts, Signal, SignalInput, SignalResult, SkewFacts } from './types.js';

export function detectSignals(input: SignalInput): SignalResult {
  const { norm, facts, tools } = input;
  const detection = detectFamilies(norm, facts.entities.errorCode, facts.entities.httpStatus);
  const signals: Signal[] = detection.matches.map((m) => ({ kind: 'family', id: m.id, evidence: m.evidence }));
  const families = new Set(signals.map((s) => s.id as FamilyId));
  const has = (...ids: readonly FamilyId[]) => ids.some((id) => families.has(id));
  const ctx: SignalContext = {
    input,
    norm,
    facts,
    tools,
    has,
    add: (id: ContextSignalId, evidence: string) => signals.push({ kind: 'context', id, evidence }),
    token: sessionTokenFacts(input),
    key: keyKindOf(input),
    tokenFamily: has(...TOKEN_FAMILIES),
  };
  keyTokenSignals(ctx);
  regionSignals(ctx);
  modelIdSignals(ctx);
  keyLifecycleSignals(ctx);
  credentialSourceSignals(ctx);
  clientSignals(ctx);
  const skew = signatureSignals(ctx);
  accessSignals(ctx);
  topicSignals(ctx);
  const sender = endpointSignals(ctx);
  if (sender) detection.senders.push(sender);
  const result: SignalResult = {
    signals,
    token: ctx.token,
    keyKind: ctx.key.kind,
    families,
    senders: detection.senders,
  };
  if (skew) result.skew = skew;
  return result;
}
