/** The shape every message builder returns: Block Kit blocks plus the notification / screen-reader fallback. */
import type { types } from '@slack/bolt';

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}
