import type { Principal } from './principal.js';

interface Entry {
  readonly principal: Principal;
  readonly tokenExpiresAt: number | null;
  readonly cachedUntil: number;
  lastUsedWrittenAt: number;
}

/**
 * Principals of API tokens, kept for a few seconds so a request does not pay a database round
 * trip to learn who it is (on this class of machine that round trip halved the API's
 * throughput). Correctness does not rest on the timeout: every change to a user, a membership
 * or a token is announced by the database (NOTIFY, see AuthCacheListener) and drops that
 * user's entries at once, in every process; changes made through this process drop them
 * before the change's answer is sent. Without a live listener nothing is cached.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private listening = false;
  /**
   * Moves on every invalidation. A lookup records it before reading the database and may
   * store its answer only if it has not moved since: otherwise an answer read before a change
   * committed could be stored after that change's invalidation, and outlive it.
   */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0 && this.listening;
  }

  /** The listener is (dis)connected: without it, entries could go stale, so all are dropped. */
  setListening(listening: boolean): void {
    this.listening = listening;
    if (!listening) this.clear();
  }

  /** Take before reading the database; pass to set(). */
  get stamp(): number {
    return this.generation;
  }

  get(tokenHash: string, now: number): Entry | null {
    if (!this.enabled) return null;
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (entry.cachedUntil <= now || (entry.tokenExpiresAt !== null && entry.tokenExpiresAt <= now)) {
      this.entries.delete(tokenHash);
      return null;
    }
    return entry;
  }

  set(tokenHash: string, principal: Principal, tokenExpiresAt: Date | null, lastUsedAt: Date | null, now: number, stamp: number): void {
    if (!this.enabled || stamp !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tokenHash, { principal, tokenExpiresAt: tokenExpiresAt?.getTime() ?? null, cachedUntil: now + this.ttlMs, lastUsedWrittenAt: lastUsedAt?.getTime() ?? 0 });
  }

  invalidateUser(userId: string): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) if (entry.principal.userId === userId) this.entries.delete(key);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
