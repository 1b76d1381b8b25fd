import { describe, expect, it } from 'vitest';
import {
  InMemoryChannelSettings,
  InMemoryDeliveryDedupe,
  storeChannelSettings,
  storeDeliveryDedupe,
} from '../../src/slack/stores.js';

describe('InMemoryDeliveryDedupe', () => {
  it('answers true once per key until the key expires', async () => {
    let now = 0;
    const dedupe = new InMemoryDeliveryDedupe(100, () => now);
    expect(await dedupe.claim('event:Ev1', 60)).toBe(true);
    expect(await dedupe.claim('event:Ev1', 60)).toBe(false);
    expect(await dedupe.claim('event:Ev2', 60)).toBe(true);
    now = 61_000;
    expect(await dedupe.claim('event:Ev1', 60)).toBe(true);
  });

  it('answers true to exactly one of many concurrent claims', async () => {
    const dedupe = new InMemoryDeliveryDedupe();
    const results = await Promise.all(Array.from({ length: 20 }, () => dedupe.claim('k', 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('stays bounded, dropping the oldest keys first', async () => {
    const dedupe = new InMemoryDeliveryDedupe(10, () => 0);
    for (let i = 0; i < 25; i++) await dedupe.claim(`k${i}`, 3600);
    expect(dedupe.size).toBeLessThanOrEqual(10);
    expect(await dedupe.claim('k24', 3600)).toBe(false);
    expect(await dedupe.claim('k0', 3600)).toBe(true);
  });
});

describe('InMemoryChannelSettings', () => {
  it('is on by default and remembers a channel turned off', async () => {
    const settings = new InMemoryChannelSettings();
    expect(await settings.isAutoTriageEnabled('C1')).toBe(true);
    await settings.setAutoTriage('C1', false, 'U1');
    expect(await settings.isAutoTriageEnabled('C1')).toBe(false);
    expect(await settings.isAutoTriageEnabled('C2')).toBe(true);
    await settings.setAutoTriage('C1', true, 'U1');
    expect(await settings.isAutoTriageEnabled('C1')).toBe(true);
  });
});

describe('Store-backed adapters', () => {
  function fakeStore() {
    const settings = new Map<string, string>();
    const keys = new Map<string, number>();
    return {
      settings,
      keys,
      async claimIdempotencyKey(key: string, ttlMs: number) {
        if (keys.has(key)) return false;
        keys.set(key, ttlMs);
        return true;
      },
      async releaseIdempotencyKey(key: string) {
        keys.delete(key);
      },
      async getChannelSetting(channel: string, key: string) {
        return settings.get(`${channel}/${key}`);
      },
      async setChannelSetting(channel: string, key: string, value: string) {
        settings.set(`${channel}/${key}`, value);
      },
    };
  }

  it('persist the switch and namespaced delivery keys with the TTL in milliseconds', async () => {
    const store = fakeStore();
    const settings = storeChannelSettings(store);
    expect(await settings.isAutoTriageEnabled('C1')).toBe(true);
    await settings.setAutoTriage('C1', false, 'U1');
    expect(store.settings.get('C1/auto_triage')).toBe('off');
    expect(await settings.isAutoTriageEnabled('C1')).toBe(false);

    const dedupe = storeDeliveryDedupe(store);
    expect(await dedupe.claim('event:Ev1', 60)).toBe(true);
    expect(await dedupe.claim('event:Ev1', 60)).toBe(false);
    expect(store.keys.get('slack:event:Ev1')).toBe(60_000);
    await dedupe.release?.('event:Ev1');
    expect(store.keys.has('slack:event:Ev1')).toBe(false);
    expect(await dedupe.claim('event:Ev1', 60)).toBe(true);
  });
});
