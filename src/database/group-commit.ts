/** One item's outcome in a group: its value, or the error that refuses it alone. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions {
  /** The most items one group (one transaction) carries. */
  readonly maxGroup: number;
  /**
   * Groups written at the same time. With two, the next group's first statements run while
   * this one's last is in PostgreSQL (see `release`); more only wait on each other's locks.
   */
  readonly maxInFlight: number;
  /**
   * Whether a group that failed as a whole is tried again item by item, so that one item's
   * failure (a constraint it alone breaks) does not refuse the others. Not for failures that
   * would only repeat (the database is unreachable): those answer every item at once.
   */
  readonly retryAlone: (error: unknown) => boolean;
}

/**
 * Writes one group in one transaction and settles each item. It calls `release` when the next
 * group may start: once it has sent its last statement, so that the next group's first ones
 * (which would wait on this one's locks anyway) overlap it. A write that never calls it
 * releases when it ends.
 */
export type GroupWrite<I, O> = (items: readonly I[], release: () => void) => Promise<ReadonlyArray<Settled<O>>>;

interface Waiting<I, O> {
  readonly item: I;
  readonly resolve: (value: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a group is being written wait, and go together in the
 * next one, so that under load N writes cost one transaction (one lock of each shared row, one
 * WAL flush, a handful of statements) instead of N. Nothing waits on a timer: an item that
 * arrives while nothing is being written starts a group of one at once, so a lone request is
 * as quick as it was without grouping. An item is answered only after its group committed.
 *
 * A group starts only when the one before it has released (sent its last statement) or ended:
 * starting the next group as soon as a slot is free instead made groups of one, which waited
 * on the large group's locks, and a large group behind them (measured: groups of 48, 1, 1).
 *
 * `write` runs one group in one transaction and settles each item: a refusal that concerns one
 * item (its organisation does not exist) is that item's `{ ok: false }`, and the others commit.
 */
export class GroupCommit<I, O> {
  private readonly waiting: Array<Waiting<I, O>> = [];
  private inFlight = 0;
  /** Items in groups started and not yet settled. */
  private itemsInFlight = 0;
  /** A group started and not yet released: the next waits for it. */
  private starting = false;

  constructor(
    private readonly write: GroupWrite<I, O>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a group to start. */
  get backlog(): number {
    return this.waiting.length;
  }

  private pump(): void {
    if (this.starting || this.inFlight >= this.options.maxInFlight || this.waiting.length === 0) return;
    const group = this.waiting.splice(0, this.groupSize());
    this.inFlight += 1;
    this.itemsInFlight += group.length;
    this.starting = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.starting = false;
      this.pump();
    };
    void this.settle(group, release).finally(() => {
      this.inFlight -= 1;
      this.itemsInFlight -= group.length;
      release();
      this.pump();
    });
  }

  /**
   * A group takes its share of everything outstanding (waiting or in flight), one of
   * `maxInFlight`, up to `maxGroup`. Taking all that waits kept clients that were answered
   * together (a closed loop's herd) in one group ever after, with groups of one between them
   * (measured: groups of 49, 1, 1 with 50 clients); shares split them into groups that take
   * turns, each one's first statements overlapping the other's last.
   */
  private groupSize(): number {
    const outstanding = this.waiting.length + this.itemsInFlight;
    return Math.min(this.options.maxGroup, Math.max(1, Math.ceil(outstanding / this.options.maxInFlight)));
  }

  private async settle(group: ReadonlyArray<Waiting<I, O>>, release: () => void): Promise<void> {
    let outcomes: ReadonlyArray<Settled<O>>;
    try {
      outcomes = await this.write(
        group.map((w) => w.item),
        release,
      );
      if (outcomes.length !== group.length) throw new Error(`Group commit: ${outcomes.length} outcomes for ${group.length} items`);
    } catch (error) {
      if (group.length === 1 || !this.options.retryAlone(error)) {
        for (const w of group) w.reject(error);
        return;
      }
      // Each item alone, in turn; the next group may start meanwhile.
      release();
      for (const w of group) await this.settle([w], () => undefined);
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i] as Settled<O>;
      if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }
}
