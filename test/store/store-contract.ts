/**
 * The behaviour every Store must have, written once and run against each engine (SQLite now; PostgreSQL adds a
 * factory and calls `describeStoreContract` again). A factory opens a store over one database; opening it twice
 * gives two connections to the same data (a restart, or a second replica).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canTransition, type NewRequest, type RequestState, TRANSITIONS } from '../../src/remediation/model.js';
import type { Store } from '../../src/store/types.js';

export interface StoreFactory {
  /** Opens a connection to this test's database. */
  open(clock: () => number): Promise<Store>;
  /** Removes the test's database. */
  destroy(): Promise<void>;
}

export class FakeClock {
  constructor(public now = Date.parse('2026-11-26T12:00:00Z')) {}
  readonly read = () => this.now;
  advance(ms: number) {
    this.now += ms;
  }
}

export const TTL = 30 * 60_000;

export function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    action: 'rotate',
    accountId: '111111111111',
    accountLabel: 'prod-apps',
    userName: 'bedrock-app',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    region: 'us-east-1',
    key: {
      status: 'Active',
      createDate: '2025-01-15T10:00:00Z',
      lastUsed: { date: '2026-11-25T10:45:00Z', service: 'bedrock', region: 'us-west-2' },
    },
    requestedBy: 'U0REQUESTR',
    ttlMs: TTL,
    slack: { channel: 'C0123ABCD', threadTs: '1700000000.000100' },
    ...overrides,
  };
}

export function describeStoreContract(engine: string, makeFactory: () => Promise<StoreFactory>) {
  describe(`Store contract (${engine})`, () => {
    let factory: StoreFactory;
    let clock: FakeClock;
    let store: Store;
    const opened: Store[] = [];
    const open = async () => {
      const s = await factory.open(clock.read);
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      factory = await makeFactory();
      clock = new FakeClock();
      store = await open();
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close().catch(() => undefined);
      await factory.destroy();
    });

    async function approvedRequest(): Promise<string> {
      const created = await store.createRequest(newRequest());
      if (!created.created) throw new Error('expected a new request');
      const decided = await store.decide(created.request.id, 'approved', 'U0APPROVER');
      if (!decided.ok) throw new Error('expected approval');
      return created.request.id;
    }

    describe('requests', () => {
      it('creates a request in state requested, with its audit event and expiry from the clock', async () => {
        const result = await store.createRequest(newRequest());
        expect(result.created).toBe(true);
        if (!result.created) return;
        expect(result.request).toMatchObject({
          state: 'requested',
          action: 'rotate',
          accountId: '111111111111',
          accountLabel: 'prod-apps',
          userName: 'bedrock-app',
          requestedBy: 'U0REQUESTR',
          requestedAt: clock.now,
          expiresAt: clock.now + TTL,
          progress: [],
          slack: { channel: 'C0123ABCD', threadTs: '1700000000.000100' },
        });
        expect(result.request.key.lastUsed).toEqual({
          date: '2026-11-25T10:45:00Z',
          service: 'bedrock',
          region: 'us-west-2',
        });
        expect(result.event).toMatchObject({ event: 'requested', actor: 'U0REQUESTR', outcome: 'ok' });
        expect(await store.getRequest(result.request.id)).toEqual(result.request);
      });

      it('keeps one open request per key: a second request returns the open one', async () => {
        const first = await store.createRequest(newRequest());
        const second = await store.createRequest(newRequest({ action: 'deactivate', requestedBy: 'U0OTHER1' }));
        expect(first.created).toBe(true);
        expect(second.created).toBe(false);
        if (!first.created || second.created) return;
        expect(second.existing.id).toBe(first.request.id);
        const other = await store.createRequest(newRequest({ accessKeyId: 'AKIAI44QH8DHBEXAMPLE' }));
        expect(other.created).toBe(true);
        expect(await store.listRequests()).toHaveLength(2);
      });

      it('lets a new request replace an expired one, expiring the old one on the way', async () => {
        const first = await store.createRequest(newRequest());
        clock.advance(TTL);
        const second = await store.createRequest(newRequest());
        expect(second.created).toBe(true);
        if (!first.created || !second.created) return;
        expect(second.expired.map((t) => t.request.id)).toEqual([first.request.id]);
        expect((await store.getRequest(first.request.id))?.state).toBe('expired');
      });

      it('attaches the Slack message', async () => {
        const created = await store.createRequest(newRequest({ slack: undefined }));
        if (!created.created) throw new Error('not created');
        expect(created.request.slack).toBeUndefined();
        await store.attachSlackMessage(created.request.id, { channel: 'C1', threadTs: '1.1', messageTs: '1.2' });
        expect((await store.getRequest(created.request.id))?.slack).toEqual({
          channel: 'C1',
          threadTs: '1.1',
          messageTs: '1.2',
        });
      });

      it('returns undefined for unknown ids', async () => {
        expect(await store.getRequest('no-such-id')).toBeUndefined();
        expect(await store.decide('no-such-id', 'approved', 'U1')).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.claimExecution('no-such-id', 'U1')).toBeUndefined();
      });
    });

    describe('decisions', () => {
      it('the first decision wins; later ones learn who decided', async () => {
        const created = await store.createRequest(newRequest());
        if (!created.created) throw new Error('not created');
        const id = created.request.id;
        clock.advance(1000);
        const first = await store.decide(id, 'rejected', 'U0APPROVR1');
        const second = await store.decide(id, 'approved', 'U0APPROVR2');
        expect(first.ok).toBe(true);
        if (first.ok) {
          expect(first.transition.request).toMatchObject({
            state: 'rejected',
            decidedBy: 'U0APPROVR1',
            decidedAt: clock.now,
          });
          expect(first.transition.event).toMatchObject({ event: 'rejected', actor: 'U0APPROVR1' });
        }
        expect(second).toMatchObject({
          ok: false,
          reason: 'already_decided',
          request: { state: 'rejected', decidedBy: 'U0APPROVR1' },
        });
      });

      it('concurrent approvals: exactly one succeeds', async () => {
        const created = await store.createRequest(newRequest());
        if (!created.created) throw new Error('not created');
        const approvers = ['U0A1', 'U0A2', 'U0A3', 'U0A4', 'U0A5', 'U0A6'];
        const results = await Promise.all(approvers.map((a) => store.decide(created.request.id, 'approved', a)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const winner = results.find((r) => r.ok);
        const decidedBy = winner?.ok ? winner.transition.request.decidedBy : undefined;
        for (const r of results.filter((x) => !x.ok)) {
          expect(r).toMatchObject({ reason: 'already_decided', request: { decidedBy } });
        }
        const events = await store.listAudit({ requestId: created.request.id });
        expect(events.map((e) => e.event)).toEqual(['requested', 'approved']);
      });

      it('concurrent approvals over two connections to one database: exactly one succeeds', async () => {
        const other = await open();
        const created = await store.createRequest(newRequest());
        if (!created.created) throw new Error('not created');
        const results = await Promise.all([
          store.decide(created.request.id, 'approved', 'U0A1'),
          other.decide(created.request.id, 'approved', 'U0A2'),
          store.decide(created.request.id, 'approved', 'U0A3'),
          other.decide(created.request.id, 'rejected', 'U0A4'),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
      });

      it('refuses a decision at or after expiry and records the expiry once', async () => {
        const created = await store.createRequest(newRequest());
        if (!created.created) throw new Error('not created');
        clock.advance(TTL);
        const late = await store.decide(created.request.id, 'approved', 'U0APPROVER');
        expect(late).toMatchObject({ ok: false, reason: 'expired', request: { state: 'expired' } });
        expect(late.ok === false && late.reason === 'expired' && late.transition?.event.event).toBe('expired');
        const later = await store.decide(created.request.id, 'approved', 'U0APPROVER');
        expect(later).toMatchObject({ ok: false, reason: 'expired' });
        expect(later.ok === false && later.reason === 'expired' && later.transition).toBeUndefined();
        const events = await store.listAudit({ requestId: created.request.id });
        expect(events.map((e) => e.event)).toEqual(['requested', 'expired']);
      });

      it('accepts a decision one millisecond before expiry', async () => {
        const created = await store.createRequest(newRequest());
        if (!created.created) throw new Error('not created');
        clock.advance(TTL - 1);
        expect((await store.decide(created.request.id, 'approved', 'U0APPROVER')).ok).toBe(true);
      });

      it('expireDue expires only due requests, once, even from two connections', async () => {
        const other = await open();
        const a = await store.createRequest(newRequest());
        clock.advance(10 * 60_000);
        const b = await store.createRequest(newRequest({ accessKeyId: 'AKIAI44QH8DHBEXAMPLE' }));
        if (!a.created || !b.created) throw new Error('not created');
        clock.advance(TTL - 10 * 60_000);
        const [first, second] = await Promise.all([store.expireDue(), other.expireDue()]);
        const expiredIds = [...first, ...second].map((t) => t.request.id);
        expect(expiredIds).toEqual([a.request.id]);
        expect((await store.getRequest(b.request.id))?.state).toBe('requested');
        expect(await store.expireDue()).toEqual([]);
      });
    });

    describe('execution', () => {
      it('claimExecution moves approved -> executing for exactly one caller', async () => {
        const id = await approvedRequest();
        const claims = await Promise.all([1, 2, 3, 4, 5].map((n) => store.claimExecution(id, `worker-${n}`)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect((await store.getRequest(id))?.state).toBe('executing');
        expect(await store.claimExecution(id, 'late')).toBeUndefined();
      });

      it('cannot claim a request that is not approved', async () => {
        const created = await store.createRequest(newRequest());
        if (!created.created) throw new Error('not created');
        expect(await store.claimExecution(created.request.id, 'w')).toBeUndefined();
        await store.decide(created.request.id, 'rejected', 'U0APPROVER');
        expect(await store.claimExecution(created.request.id, 'w')).toBeUndefined();
      });

      it('survives a restart between approval and execution: the reopened store claims it once', async () => {
        const id = await approvedRequest();
        await store.close();
        const reopened = await open();
        expect((await reopened.getRequest(id))?.state).toBe('approved');
        const again = await open();
        const claims = await Promise.all([reopened.claimExecution(id, 'a'), again.claimExecution(id, 'b')]);
        expect(claims.filter(Boolean)).toHaveLength(1);
      });

      it('records steps while executing and finishes once', async () => {
        const id = await approvedRequest();
        expect(await store.recordStep(id, 'too_early', 'not executing yet')).toBe(false);
        await store.claimExecution(id, 'system');
        clock.advance(500);
        expect(await store.recordStep(id, 'new_key_created', 'new key AKIANEW created', { k: 1 })).toBe(true);
        const finished = await store.finishExecution(id, {
          state: 'done',
          result: { newAccessKeyId: 'AKIANEW', oldKeyStatus: 'Inactive', secretArn: 'arn:aws:secretsmanager:x' },
          detail: 'rotated',
        });
        expect(finished?.request).toMatchObject({
          state: 'done',
          finishedAt: clock.now,
          result: { newAccessKeyId: 'AKIANEW', oldKeyStatus: 'Inactive' },
          progress: [{ step: 'new_key_created', at: clock.now, detail: 'new key AKIANEW created' }],
        });
        expect(
          await store.finishExecution(id, { state: 'failed', result: {}, failure: 'second finish' }),
        ).toBeUndefined();
        expect(await store.recordStep(id, 'after', 'after the end')).toBe(false);
        const events = await store.listAudit({ requestId: id });
        expect(events.map((e) => e.event)).toEqual(['requested', 'approved', 'executing', 'step', 'done']);
        expect(events[3]?.data).toEqual({ step: 'new_key_created', k: 1 });
      });

      it('fails executions interrupted by a restart, naming the last completed step, and never re-runs them', async () => {
        const id = await approvedRequest();
        await store.claimExecution(id, 'system');
        await store.recordStep(id, 'new_key_created', 'new key AKIANEW created');
        await store.close();
        clock.advance(60_000);
        const reopened = await open();
        expect(await reopened.failStaleExecutions(clock.now - 120_000)).toEqual([]);
        const failed = await reopened.failStaleExecutions(clock.now);
        expect(failed).toHaveLength(1);
        expect(failed[0]?.request.state).toBe('failed');
        expect(failed[0]?.request.failure).toContain('new key AKIANEW created');
        expect(await reopened.claimExecution(id, 'x')).toBeUndefined();
        expect(await reopened.failStaleExecutions(clock.now)).toEqual([]);
      });
    });

    describe('notifications', () => {
      it('lets exactly one renderer claim each state', async () => {
        const id = await approvedRequest();
        await store.attachSlackMessage(id, { channel: 'C1', messageTs: '1.2' });
        const other = await open();
        const claims = await Promise.all([
          store.claimNotification(id, 'approved'),
          other.claimNotification(id, 'approved'),
          store.claimNotification(id, 'approved'),
        ]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await store.claimNotification(id, 'done')).toBe(false);
        await store.claimExecution(id, 'system');
        expect(await store.claimNotification(id, 'approved')).toBe(false);
        expect(await store.claimNotification(id, 'executing')).toBe(true);
      });

      it('lists requests whose current state was not rendered, after a grace period', async () => {
        const id = await approvedRequest();
        expect(await store.listUnnotified(clock.now)).toEqual([]);
        await store.attachSlackMessage(id, { channel: 'C1', messageTs: '1.2' });
        expect(await store.listUnnotified(clock.now - 1)).toEqual([]);
        expect((await store.listUnnotified(clock.now)).map((r) => r.id)).toEqual([id]);
        await store.claimNotification(id, 'approved');
        expect(await store.listUnnotified(clock.now)).toEqual([]);
      });
    });

    describe('audit events', () => {
      it('appends and lists events in time order with since/until filters', async () => {
        await store.appendAudit({ event: 'request_refused', actor: 'U1', outcome: 'refused', detail: 'first' });
        clock.advance(1000);
        const second = await store.appendAudit({
          event: 'decision_refused',
          actor: 'U2',
          outcome: 'refused',
          detail: 'second',
          requestId: 'r1',
          accountId: '111111111111',
          accessKeyId: 'AKIAX',
          action: 'deactivate',
          data: { reason: 'self_approval' },
        });
        clock.advance(1000);
        await store.appendAudit({
          event: 'request_refused',
          actor: 'U3',
          outcome: 'ok',
          detail: 'third',
          at: clock.now,
        });
        expect(second).toMatchObject({ at: clock.now - 1000, data: { reason: 'self_approval' }, action: 'deactivate' });
        expect((await store.listAudit()).map((e) => e.detail)).toEqual(['first', 'second', 'third']);
        expect((await store.listAudit({ since: clock.now - 1000 })).map((e) => e.detail)).toEqual(['second', 'third']);
        expect((await store.listAudit({ until: clock.now })).map((e) => e.detail)).toEqual(['first', 'second']);
        expect((await store.listAudit({ limit: 1 })).map((e) => e.detail)).toEqual(['first']);
        expect((await store.listAudit({ requestId: 'r1' })).map((e) => e.detail)).toEqual(['second']);
      });

      it('keeps insertion order for events in the same millisecond', async () => {
        for (const detail of ['a', 'b', 'c', 'd']) {
          await store.appendAudit({ event: 'step', actor: 'U1', outcome: 'ok', detail });
        }
        expect((await store.listAudit()).map((e) => e.detail)).toEqual(['a', 'b', 'c', 'd']);
      });
    });

    describe('idempotency keys', () => {
      it('is claimed once within its lifetime, again after it, and pruned', async () => {
        const results = await Promise.all([1, 2, 3].map(() => store.claimIdempotencyKey('evt:Ev1', 60_000)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.claimIdempotencyKey('evt:Ev2', 60_000)).toBe(true);
        clock.advance(60_000);
        expect(await store.pruneIdempotencyKeys()).toBe(2);
        expect(await store.claimIdempotencyKey('evt:Ev1', 60_000)).toBe(true);
        clock.advance(60_000);
        expect(await store.claimIdempotencyKey('evt:Ev1', 60_000)).toBe(true);
      });

      it('a released key can be claimed again at once; releasing an unknown key does nothing', async () => {
        expect(await store.claimIdempotencyKey('running:U1:abc', 600_000)).toBe(true);
        expect(await store.claimIdempotencyKey('running:U1:abc', 600_000)).toBe(false);
        await store.releaseIdempotencyKey('running:U1:abc');
        await store.releaseIdempotencyKey('running:U1:never');
        expect(await store.claimIdempotencyKey('running:U1:abc', 600_000)).toBe(true);
      });
    });

    describe('rate budgets', () => {
      const perUser = { key: 'user:U1', limit: 3, windowMs: 60_000 };
      const perChannel = { key: 'channel:C1', limit: 4, windowMs: 60_000 };

      it('takes units until a budget is spent, all or none across budgets, and says when to retry', async () => {
        // Start of a window, so the previous window is empty.
        clock.now = Math.ceil(clock.now / 60_000) * 60_000;
        for (let i = 0; i < 3; i++) expect(await store.consumeRateBudget([perUser, perChannel])).toEqual({ ok: true });
        const refused = await store.consumeRateBudget([perChannel, perUser]);
        expect(refused).toEqual({ ok: false, key: 'user:U1', retryAfterMs: expect.any(Number) });
        // The refused attempt took nothing from the channel: one unit is still there for another user.
        expect(await store.consumeRateBudget([{ ...perUser, key: 'user:U2' }, perChannel])).toEqual({ ok: true });
        expect(await store.consumeRateBudget([{ ...perUser, key: 'user:U3' }, perChannel])).toMatchObject({
          ok: false,
          key: 'channel:C1',
        });
        // Retry-after: filled at the start of its window, the budget frees a unit a third into the next one
        // (then 3 * 2/3 + 1 <= 3).
        if (!refused.ok) expect(refused.retryAfterMs).toBe(80_000);
      });

      it('slides: the previous window counts for the part of it still inside the last windowMs', async () => {
        clock.now = Math.ceil(clock.now / 60_000) * 60_000;
        for (let i = 0; i < 3; i++) await store.consumeRateBudget([perUser]);
        clock.advance(60_000 + 30_000); // half-way into the next window: 3 * 0.5 = 1.5 still count
        expect(await store.consumeRateBudget([perUser])).toEqual({ ok: true }); // 1.5 + 1
        const refused = await store.consumeRateBudget([perUser]); // 1.5 + 2 > 3
        expect(refused).toMatchObject({ ok: false });
        // One more fits once the previous window weighs <= 1: at 2/3 of the window, 10 s from now.
        if (!refused.ok) expect(refused.retryAfterMs).toBe(10_000);
        clock.advance(10_000);
        expect(await store.consumeRateBudget([perUser])).toEqual({ ok: true });
      });

      it('is shared across connections and exact under concurrency, and pruned when old', async () => {
        const other = await open();
        const budget = { key: 'user:U9', limit: 5, windowMs: 60_000 };
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 ? store : other).consumeRateBudget([budget])),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(5);
        clock.advance(3 * 60_000);
        expect(await store.pruneRateBudgets()).toBeGreaterThanOrEqual(1);
        expect(await other.consumeRateBudget([budget])).toEqual({ ok: true });
      });
    });

    describe('open request look-up', () => {
      it('finds the open request of a key, not an expired, decided or finished one', async () => {
        expect(await store.findOpenRequest('111111111111', 'AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
        const created = await store.createRequest(newRequest());
        if (!created.created) throw new Error('not created');
        expect((await store.findOpenRequest('111111111111', 'AKIAIOSFODNN7EXAMPLE'))?.id).toBe(created.request.id);
        expect(await store.findOpenRequest('222222222222', 'AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
        clock.advance(TTL);
        expect(await store.findOpenRequest('111111111111', 'AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
        const second = await store.createRequest(newRequest());
        if (!second.created) throw new Error('not created');
        await store.decide(second.request.id, 'approved', 'U0APPROVER');
        expect((await store.findOpenRequest('111111111111', 'AKIAIOSFODNN7EXAMPLE'))?.state).toBe('approved');
        const third = await store.createRequest(newRequest({ accessKeyId: 'AKIAI44QH8DHBEXAMPLE' }));
        if (!third.created) throw new Error('not created');
        await store.decide(third.request.id, 'rejected', 'U0APPROVER');
        expect(await store.findOpenRequest('111111111111', 'AKIAI44QH8DHBEXAMPLE')).toBeUndefined();
      });
    });

    describe('channel settings', () => {
      it('stores, overwrites and reads per-channel values', async () => {
        expect(await store.getChannelSetting('C1', 'auto_triage')).toBeUndefined();
        await store.setChannelSetting('C1', 'auto_triage', 'off', 'U1');
        await store.setChannelSetting('C2', 'auto_triage', 'on');
        await store.setChannelSetting('C1', 'auto_triage', 'on', 'U2');
        expect(await store.getChannelSetting('C1', 'auto_triage')).toBe('on');
        expect(await store.getChannelSetting('C2', 'auto_triage')).toBe('on');
        const other = await open();
        expect(await other.getChannelSetting('C1', 'auto_triage')).toBe('on');
      });
    });

    describe('state machine under random operations', () => {
      it('only ever makes allowed transitions, executes at most once, and audits every transition', async () => {
        const op = fc.oneof(
          fc.record({
            kind: fc.constant('decide' as const),
            decision: fc.constantFrom('approved' as const, 'rejected' as const),
            by: fc.integer({ min: 1, max: 3 }),
          }),
          fc.constant({ kind: 'claim' as const }),
          fc.record({ kind: fc.constant('finish' as const), ok: fc.boolean() }),
          fc.constant({ kind: 'expire' as const }),
          fc.constant({ kind: 'stale' as const }),
          fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: TTL }) }),
        );
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
            const created = await store.createRequest(newRequest({ accessKeyId: `AKIA${crypto.randomUUID()}` }));
            if (!created.created) throw new Error('not created');
            const id = created.request.id;
            let state: RequestState = 'requested';
            let transitions = 1;
            let claims = 0;
            for (const o of ops) {
              if (o.kind === 'decide') await store.decide(id, o.decision, `U0A${o.by}`);
              else if (o.kind === 'claim') claims += (await store.claimExecution(id, 'w')) ? 1 : 0;
              else if (o.kind === 'finish')
                await store.finishExecution(
                  id,
                  o.ok ? { state: 'done', result: {}, detail: 'ok' } : { state: 'failed', result: {}, failure: 'x' },
                );
              else if (o.kind === 'expire') await store.expireDue();
              else if (o.kind === 'stale') await store.failStaleExecutions(clock.now - 1);
              else clock.advance(o.ms);
              const now = (await store.getRequest(id))?.state as RequestState;
              if (now !== state) {
                expect(canTransition(state, now), `${state} -> ${now}`).toBe(true);
                transitions += 1;
                state = now;
              }
            }
            expect(claims).toBeLessThanOrEqual(1);
            const events = (await store.listAudit({ requestId: id })).filter((e) => e.event !== 'step');
            expect(events).toHaveLength(transitions);
          }),
          { numRuns: 40 },
        );
        expect(Object.keys(TRANSITIONS)).toHaveLength(7);
      });
    });
  });
}
