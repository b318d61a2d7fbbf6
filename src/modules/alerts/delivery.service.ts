import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { APP_CONFIG } from '../../config/config.token.js';
import type { AppConfig } from '../../config/config.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { channelConfig } from './channels.service.js';
import { ChannelEntity } from './channel.entity.js';
import { DeliveryEntity } from './delivery.entity.js';
import { type ActingContext, audited, recordAudit } from '../audit/audit-trail.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './domain/delivery-policy.js';
import type { DeliveryOutcome } from './domain/alert.types.js';
import { createSenders, type Senders } from './senders/index.js';

/**
 * How long a claimed delivery stays ours; after it, a crashed instance's claim is taken over.
 * A claim is one round of CONCURRENCY sends, each bounded by the sender timeout (10 s), so
 * 30 s is ample and a crash delays those few alerts by 30 s at most.
 */
const LEASE_MS = 30_000;
const DELIVERY_ACTOR: ActingContext = { actor: 'system:delivery', requestId: null, userId: null };
const CONCURRENCY = 10;

/**
 * The outbox worker: at-least-once delivery of fired rungs. A delivery is claimed (leased) in
 * a short transaction, sent outside any transaction, and its outcome recorded; retries back
 * off exponentially and stop after MAX_DELIVERY_ATTEMPTS (dead letter, visible in the API).
 * Receivers deduplicate by X-Breach-Delivery, the delivery id.
 */
@Injectable()
export class DeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private readonly senders: Senders;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.senders = createSenders({ smtpUrl: config.smtpUrl });
  }

  /** Sends every delivery due at `now`; returns how many were attempted. */
  async deliverDue(now: Date): Promise<number> {
    let attempted = 0;
    for (;;) {
      const claimed = await this.claim(now, CONCURRENCY);
      if (claimed.length === 0) return attempted;
      attempted += claimed.length;
      const channels = new Map(
        (await this.db.manager.find(ChannelEntity, { where: { id: In([...new Set(claimed.map((d) => d.channelId))]) } })).map((c) => [c.id, c]),
      );
      await Promise.all(claimed.map((d) => this.attempt(d, channels.get(d.channelId), now)));
      if (claimed.length < CONCURRENCY) return attempted;
    }
  }

  private async claim(now: Date, limit: number): Promise<DeliveryEntity[]> {
    return this.db.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(
        `SELECT id FROM deliveries
          WHERE (state IN ('pending','retrying') AND next_attempt_at <= $1) OR (state = 'sending' AND locked_until < $1)
          ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      await manager.query(`UPDATE deliveries SET state = 'sending', attempts = attempts + 1, locked_until = $2 WHERE id = ANY($1)`, [
        ids,
        new Date(now.getTime() + LEASE_MS),
      ]);
      return manager.find(DeliveryEntity, { where: { id: In(ids) } });
    });
  }

  private async attempt(delivery: DeliveryEntity, channel: ChannelEntity | undefined, now: Date): Promise<void> {
    let outcome: DeliveryOutcome;
    if (!channel || channel.deletedAt) {
      outcome = { ok: false, retryable: false, error: 'the channel was deleted' };
    } else {
      try {
        outcome = await this.senders[channel.type].send(delivery.payload, channelConfig(channel));
      } catch (error) {
        outcome = { ok: false, retryable: true, error: error instanceof Error ? error.message : 'send failed' };
      }
    }
    const dead = !outcome.ok && (!outcome.retryable || delivery.attempts >= MAX_DELIVERY_ATTEMPTS);
    if (outcome.ok) {
      // Delivered: the outbox row says when. Not audited: the rung's firing is, and an audit
      // append per delivery serialised a 10,000-alert burst on the organisation's chain head
      // (bench:clock went from 18 s to 31 s).
      await this.db.manager.update(DeliveryEntity, { id: delivery.id }, { state: 'delivered', deliveredAt: new Date(), lockedUntil: null, lastError: null });
    } else if (!dead) {
      await this.db.manager.update(
        DeliveryEntity,
        { id: delivery.id },
        { state: 'retrying', lockedUntil: null, lastError: outcome.error.slice(0, 1000), nextAttemptAt: new Date(now.getTime() + retryDelayMs(delivery.attempts)) },
      );
    } else {
      // Given up: an alert that never arrived is a fact the trail must keep (never the error
      // text: a Slack or webhook URL in it is a secret).
      await audited(this.db, async (manager) => {
        await manager.update(DeliveryEntity, { id: delivery.id }, { state: 'dead', lockedUntil: null, lastError: outcome.error.slice(0, 1000) });
        recordAudit(manager, DELIVERY_ACTOR, {
          organisationId: delivery.organisationId,
          at: now,
          action: 'delivery.dead',
          entityType: 'delivery',
          entityId: delivery.id,
          summary: `Alert to ${channel?.type ?? 'a deleted'} channel "${channel?.name ?? ''}" given up after ${delivery.attempts} attempt(s)`,
          changes: { state: { from: 'sending', to: 'dead' } },
        });
      });
    }
    if (dead) this.logger.warn(`delivery ${delivery.id} dead-lettered after ${delivery.attempts} attempt(s): ${outcome.ok ? '' : outcome.error}`);
  }

  /** Puts a dead delivery back in the queue (same id: receivers still deduplicate). */
  async retry(id: string, now: Date, acting: ActingContext): Promise<DeliveryEntity> {
    return audited(this.db, async (manager) => {
      const delivery = await manager.findOne(DeliveryEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw DomainError.notFound('DELIVERY.NOT_FOUND', `Delivery ${id} does not exist`);
      if (delivery.state !== 'dead') throw new DomainError('DELIVERY.NOT_DEAD', `Delivery ${id} is ${delivery.state}; only dead deliveries are retried`, 'unprocessable');
      await manager.update(DeliveryEntity, { id }, { state: 'retrying', attempts: 0, nextAttemptAt: now });
      recordAudit(manager, acting, {
        organisationId: delivery.organisationId,
        at: now,
        action: 'delivery.retried',
        entityType: 'delivery',
        entityId: id,
        summary: `Dead alert delivery sent again (after ${delivery.attempts} failed attempts)`,
        changes: { state: { from: 'dead', to: 'retrying' } },
      });
      return manager.findOneOrFail(DeliveryEntity, { where: { id } });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.senders.email.close?.();
  }
}
