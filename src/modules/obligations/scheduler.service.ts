import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.token.js';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DeliveryService } from '../alerts/delivery.service.js';
import { ClockService } from './clock.service.js';

const TICK = 'breach-clock-tick';

/**
 * The thin, switchable scheduler: every SCHEDULER_TICK_MS it fires due rungs and sends due
 * deliveries. All state lives in PostgreSQL, so a restart loses nothing and any number of
 * instances may tick at once. SCHEDULER_ENABLED=false or APP_ROLE=api turns it off; tests
 * call runDue / deliverDue directly.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private running: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly clockService: ClockService,
    private readonly deliveries: DeliveryService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled || this.config.appRole === 'api') {
      this.logger.log('scheduler off (SCHEDULER_ENABLED=false or APP_ROLE=api)');
      return;
    }
    const interval = setInterval(() => void this.tick(), this.config.schedulerTickMs);
    this.registry.addInterval(TICK, interval);
    this.logger.log(`scheduler on: tick every ${this.config.schedulerTickMs} ms`);
  }

  /** One tick; a tick still running (a burst) makes the next one a no-op instead of piling up. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  private async runOnce(): Promise<void> {
    try {
      await this.clockService.runDue(this.clock.now());
      await this.deliveries.deliverDue(this.clock.now());
      if (this.failing) {
        this.failing = false;
        this.logger.log('scheduler recovered: the database answers again');
      }
    } catch (error) {
      // A database restart mid-tick: nothing was committed half-way; the next tick retries.
      if (!this.failing) this.logger.warn(`scheduler tick failed, retrying every tick: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', TICK)) this.registry.deleteInterval(TICK);
    await this.running;
  }
}
