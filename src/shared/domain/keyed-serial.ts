/**
 * Runs work one at a time per key, in the order it was asked for; different keys run side by
 * side. A failure is its caller's alone: the next in line runs all the same. Keys are
 * forgotten once their line is empty.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous ? previous.then(() => work()) : work();
    const tail = result.then(settled, settled);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}

const settled = (): void => undefined;
