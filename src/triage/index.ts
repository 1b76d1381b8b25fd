/** Placeholder until the triage engine lands: the contract shape with no finding. */
import type { Triage } from '../report.js';

export function triage(_text: string): Triage {
  return { entities: {}, causes: [], secretsFound: false, commands: [], findings: [], truncated: false };
}
