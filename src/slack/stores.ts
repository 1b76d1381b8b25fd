/**
 * The state the Slack app keeps, behind interfaces so a persistent store (src/store/, SQLite or Postgres) can back
 * them in production and replicas share them (DESIGN section 7). The in-memory versions serve one process and tests.
 */
import type { ClaimStore, SettingStore } from '../store/types.js';

/** Per-channel switch for automatic triage (on unless turned off). */
export interface ChannelSettingsStore {
  isAutoTriageEnabled(channelId: string): Promise<boolean>;
  setAutoTriage(channelId: string, enabled: boolean, changedBy: string): Promise<void>;
}

/**
 * Idempotency keys for Slack deliveries: `claim` is atomic and returns true only for the first caller of a key
 * within its time to live, so a retried event (same event_id, same channel+ts) is answered once.
 */
export interface DeliveryDedupeStore {
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Ends a claim early (the running-work lease of admission.ts, once the work is over). */
  release?(key: string): Promise<void>;
}

export class InMemoryChannelSettings implements ChannelSettingsStore {
  private readonly disabled = new Map<string, { changedBy: string; at: number }>();

  async isAutoTriageEnabled(channelId: string): Promise<boolean> {
    return !this.disabled.has(channelId);
  }

  async setAutoTriage(channelId: string, enabled: boolean, changedBy: string): Promise<void> {
    if (enabled) this.disabled.delete(channelId);
    else this.disabled.set(channelId, { changedBy, at: Date.now() });
  }
}

/** Bounded: at most `maxKeys` live keys; the oldest go first when full, expired ones on every claim. */
export class InMemoryDeliveryDedupe implements DeliveryDedupeStore {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.now();
    this.evict(now);
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.expiries.delete(key);
    this.expiries.set(key, now + ttlSeconds * 1000);
    return true;
  }

  async release(key: string): Promise<void> {
    this.expiries.delete(key);
  }

  get size(): number {
    return this.expiries.size;
  }

  private evict(now: number): void {
    // Map iteration is insertion order; with one TTL per caller that is expiry order too.
    for (const [key, expiry] of this.expiries) {
      if (expiry > now && this.expiries.size < this.maxKeys) break;
      this.expiries.delete(key);
    }
  }
}

export const AUTO_TRIAGE_SETTING = 'auto_triage';

/** Channel settings persisted in the Store: shared by replicas, kept across restarts. */
export function storeChannelSettings(store: SettingStore): ChannelSettingsStore {
  return {
    async isAutoTriageEnabled(channelId) {
      return (await store.getChannelSetting(channelId, AUTO_TRIAGE_SETTING)) !== 'off';
    },
    async setAutoTriage(channelId, enabled, changedBy) {
      await store.setChannelSetting(channelId, AUTO_TRIAGE_SETTING, enabled ? 'on' : 'off', changedBy);
    },
  };
}

/** Delivery keys persisted in the Store: a retry reaching another replica, or arriving after a restart, is seen. */
export function storeDeliveryDedupe(
  store: Pick<ClaimStore, 'claimIdempotencyKey' | 'releaseIdempotencyKey'>,
): DeliveryDedupeStore {
  return {
    claim: (key, ttlSeconds) => store.claimIdempotencyKey(`slack:${key}`, ttlSeconds * 1000),
    release: (key) => store.releaseIdempotencyKey(`slack:${key}`),
  };
}
