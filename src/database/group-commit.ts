/** One item's outcome in a group: its value, or the error that refuses it alone. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions {
  /** The most items one group (one transaction) carries. */
  readonly maxGroup: number;
  /**
   * Groups written at the same time. Two let one group's statements run in PostgreSQL while
   * the next is prepared in Node; more only wait on each other's locks.
   */
  readonly maxInFlight: number;
  /**
   * Whether a group that failed as a whole is tried again item by item, so that one item's
   * failure (a constraint it alone breaks) does not refuse the others. Not for failures that
   * would only repeat (the database is unreachable): those answer every item at once.
   */
  readonly retryAlone: (error: unknown) => boolean;
}

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
 * `write` runs one group in one transaction and settles each item: a refusal that concerns one
 * item (its organisation does not exist) is that item's `{ ok: false }`, and the others commit.
 */
export class GroupCommit<I, O> {
  private readonly waiting: Array<Waiting<I, O>> = [];
  private writing = 0;

  constructor(
    private readonly write: (items: readonly I[]) => Promise<ReadonlyArray<Settled<O>>>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.writing < this.options.maxInFlight) void this.next();
    });
  }

  /** Items waiting for the group being written to finish. */
  get backlog(): number {
    return this.waiting.length;
  }

  private async next(): Promise<void> {
    this.writing += 1;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.options.maxGroup);
        await this.settle(group);
      }
    } finally {
      this.writing -= 1;
    }
  }

  private async settle(group: ReadonlyArray<Waiting<I, O>>): Promise<void> {
    let outcomes: ReadonlyArray<Settled<O>>;
    try {
      outcomes = await this.write(group.map((w) => w.item));
      if (outcomes.length !== group.length) throw new Error(`Group commit: ${outcomes.length} outcomes for ${group.length} items`);
    } catch (error) {
      if (group.length === 1 || !this.options.retryAlone(error)) {
        for (const w of group) w.reject(error);
        return;
      }
      for (const w of group) await this.settle([w]);
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i] as Settled<O>;
      if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }
}
