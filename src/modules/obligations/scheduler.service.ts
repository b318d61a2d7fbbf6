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
  /** Firing and delivery run independently: a slow receiver never delays the next rung. */
  private readonly tasks = {
    fire: { running: undefined as Promise<void> | undefined, failing: false },
    deliver: { running: undefined as Promise<void> | undefined, failing: false },
  };

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

  /** One tick; a task still running (a burst) makes its next turn a no-op instead of piling up. */
  async tick(): Promise<void> {
    await Promise.all([
      this.run('fire', () => this.clockService.runDue(this.clock.now())),
      this.run('deliver', () => this.deliveries.deliverDue(this.clock.now())),
    ]);
  }

  private async run(name: keyof SchedulerService['tasks'], work: () => Promise<unknown>): Promise<void> {
    const task = this.tasks[name];
    if (task.running) return;
    task.running = (async () => {
      try {
        await work();
        if (task.failing) {
          task.failing = false;
          this.logger.log(`scheduler recovered (${name}): the database answers again`);
        }
      } catch (error) {
        // A database restart mid-tick: nothing was committed half-way; the next tick retries.
        if (!task.failing) this.logger.warn(`scheduler tick failed (${name}), retrying every tick: ${error instanceof Error ? error.message : String(error)}`);
        task.failing = true;
      }
    })().finally(() => {
      task.running = undefined;
    });
    await task.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', TICK)) this.registry.deleteInterval(TICK);
    await Promise.all([this.tasks.fire.running, this.tasks.deliver.running]);
  }
}
