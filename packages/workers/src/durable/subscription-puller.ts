import { DurableObject } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import type { SubscriptionPulled } from '@corates/shared';
import { createDatabase } from '../db/client.ts';
import { subscriptions } from '../db/schema.ts';
import type { Bindings } from '../env.ts';
import { allowLocalPeers, serverKey } from '../federation/identity.ts';
import { pullSubscription } from '../federation/pull.ts';
import { nextPull, type PullOutcome } from '../federation/pull-schedule.ts';
import { AppError } from '../lib/app-error.ts';

const SUBSCRIPTION_ID_KEY = 'subscriptionId';
/** Failed pulls in a row, the backoff's exponent (pull-schedule.ts). */
const FAILURES_KEY = 'failures';

/**
 * One per subscription (docs/federation.md "Scheduling"): pulls the share on an alarm, whose delay
 * `nextPull` decides from what the last pull did — soon while changes keep coming, a poll when
 * idle, backing off with jitter on failures, and no alarm at all after a refusal asking again
 * cannot cure (the pull paused the subscription). "Pull now" comes here too, so one subscription's
 * pulls run one at a time; the D1 batches are guarded on the cursor besides (pull.ts).
 */
export class SubscriptionPuller extends DurableObject<Env> {
  /** The pull or stop running now; the next one starts after it. */
  private running: Promise<unknown> = Promise.resolve();

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }

  /** A new subscription, or one subscribed again with a new invite: pull now, no failures held. */
  async start(subscriptionId: string): Promise<void> {
    await this.serially(async () => {
      await this.ctx.storage.put({ [SUBSCRIPTION_ID_KEY]: subscriptionId, [FAILURES_KEY]: 0 });
      await this.ctx.storage.setAlarm(Date.now());
    });
  }

  /**
   * "Pull now" (an admin): pulls whatever the subscription's state — a paused one that pulls
   * again resumes (pull.ts sets it active) — and schedules the next as if no pull had failed.
   */
  async pullNow(subscriptionId: string): Promise<SubscriptionPulled> {
    return this.serially(async () => {
      await this.ctx.storage.put(SUBSCRIPTION_ID_KEY, subscriptionId);
      const { subscription, applied, refetched, outcome } = await this.pull(subscriptionId);
      await this.schedule(outcome, 0);
      return { subscription, applied, refetched };
    });
  }

  /** Unsubscribing: no more alarms, nothing kept; waits for a pull under way to end first. */
  async stop(): Promise<void> {
    await this.serially(async () => {
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
    });
  }

  override async alarm(): Promise<void> {
    await this.serially(async () => {
      const id = await this.ctx.storage.get<string>(SUBSCRIPTION_ID_KEY);
      if (!id) return;
      const row = await createDatabase(this.env.DB)
        .select({ state: subscriptions.state })
        .from(subscriptions)
        .where(eq(subscriptions.id, id))
        .get();
      // Gone (unsubscribed while an alarm was due), or paused until an admin acts.
      if (!row) return this.ctx.storage.deleteAll();
      if (row.state === 'paused') return;
      let outcome: PullOutcome;
      try {
        outcome = (await this.pull(id)).outcome;
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND')
          return this.ctx.storage.deleteAll();
        // Our own trouble (D1, the key): retried like an unreachable publisher, not by the
        // runtime's alarm retries, so the backoff stays ours.
        console.error('subscription pull failed', id, err);
        outcome = { kind: 'failed' };
      }
      await this.schedule(outcome, (await this.ctx.storage.get<number>(FAILURES_KEY)) ?? 0);
    });
  }

  private async pull(id: string) {
    const env = this.env as Bindings;
    const ctx = {
      db: createDatabase(env.DB),
      d1: env.DB,
      key: await serverKey(env),
      allowLocal: allowLocalPeers(env),
      now: new Date(),
      env,
    };
    return pullSubscription(ctx, id);
  }

  private async schedule(outcome: PullOutcome, failures: number) {
    const next = nextPull(outcome, failures, Math.random);
    if (next.stop) {
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.put(FAILURES_KEY, 0);
      return;
    }
    await this.ctx.storage.put(FAILURES_KEY, next.failures);
    await this.ctx.storage.setAlarm(Date.now() + next.delayMs);
  }
}
