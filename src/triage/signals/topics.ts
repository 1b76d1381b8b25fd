/**
 * Topics of an error no family knows: when the text reads like an error but names no known AWS message, what it is
 * about (credentials, their expiry, regions and endpoints, models, permissions) still says which causes to check
 * first. Topic signals only count for such texts (score.ts), so they never outvote a known message.
 */
import { clip } from '../quote.js';
import type { ContextSignalId } from '../rules.js';
import type { SignalContext } from './types.js';

const TOPICS: ReadonlyArray<readonly [ContextSignalId, RegExp]> = [
  [
    'topic_expiry',
    /\bexpir(?:ed|es|y|ation|ing)\b|\b(?:after|every) (?:about |roughly |approximately )?(?:an? hour|one hour|1 hour|60 minutes|12 hours)\b|\brefresh(?:ed|ing)? (?:the )?(?:credentials|token|session)\b|\btoken refresh\b/,
  ],
  [
    'topic_credentials',
    /\bcredentials?\b|\baccess key\b|\bsecret (?:access )?key\b|\bsession token\b|\bsso\b|\bassume ?role\b|\bweb identity\b|\birsa\b|\binstance (?:profile|metadata)\b|\bimds\b|\bprovider chain\b|\baws_profile\b|(?<!inference[- ])\bprofile\b/,
  ],
  [
    'topic_region',
    /\bregions?\b|\bendpoints?\b|\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:east|west|north|south|central|northeast|southeast|southwest|northwest)-\d\b/,
  ],
  [
    'topic_model',
    /\bmodel ?ids?\b|\bmodels?\b|\binference profiles?\b|\bclaude\b|\banthropic\b|\btitan\b|\bnova\b|\bllama\b|\bmistral\b|\bcohere\b|\bembedd(?:er|ing|ings)\b/,
  ],
  [
    'topic_permission',
    /\bpermissions?\b|\bnot authori[sz]ed\b|\baccess ?denied\b|\bforbidden\b|\b403\b|\biam (?:role|policy|user)\b|\bpolic(?:y|ies)\b/,
  ],
];

export function topicSignals(ctx: SignalContext): void {
  if (!ctx.has('unrecognized_error')) return;
  for (const [id, pattern] of TOPICS) {
    const m = pattern.exec(ctx.norm.lower);
    if (m) ctx.add(id, `the text is about "${clip(m[0], 40)}"`);
  }
}
