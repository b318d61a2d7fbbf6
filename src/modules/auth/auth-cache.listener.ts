import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { PRINCIPAL_CACHE } from './auth.tokens.js';
import type { PrincipalCache } from './principal-cache.js';

export const AUTH_CHANNEL = 'breach_clock_auth';

/**
 * Listens for the database's announcements of changed users, memberships and tokens (a
 * trigger NOTIFYs the user id; see migration AuthCacheInvalidation) and drops that user's
 * cached principals. While not connected, the cache is off; it reconnects every second.
 */
@Injectable()
export class AuthCacheListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuthCache');
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  private lostSince: Date | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PRINCIPAL_CACHE) private readonly cache: PrincipalCache,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  /** Resolves once listening (or once a failed attempt has scheduled the next one). */
  async connect(): Promise<void> {
    if (this.stopped) return;
    const url = (this.db.options as { url?: string }).url;
    if (!url) return;
    const client = new pg.Client({ connectionString: url, application_name: 'breach-clock auth-cache' });
    client.on('notification', (message) => {
      if (message.payload) this.cache.invalidateUser(message.payload);
      else this.cache.clear();
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.cache.setListening(false);
      if (!this.stopped) {
        this.lostSince ??= new Date();
        this.logger.warn(`auth cache off until the database listener reconnects${error ? `: ${error.message}` : ''}`);
        this.schedule();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      this.client = client;
      this.cache.setListening(true);
      if (this.lostSince) this.logger.log(`auth cache on again (the listener was away since ${this.lostSince.toISOString()})`);
      this.lostSince = null;
    } catch {
      await client.end().catch(() => undefined);
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, 1000);
    this.retry.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.cache.setListening(false);
    await client?.end().catch(() => undefined);
  }
}
