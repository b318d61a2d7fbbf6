import { GroupCommit, type Settled } from './group-commit.js';

/** A write whose groups finish when the test says so. */
function controlledWrite() {
  const groups: Array<{ items: readonly number[]; release: () => void; finish: (outcomes?: Array<Settled<string>>) => void }> = [];
  let writing = 0;
  let mostAtOnce = 0;
  const write = (items: readonly number[], release: () => void) =>
    new Promise<Array<Settled<string>>>((resolve) => {
      writing += 1;
      mostAtOnce = Math.max(mostAtOnce, writing);
      groups.push({
        items,
        release,
        finish: (outcomes) => {
          writing -= 1;
          resolve(outcomes ?? items.map((i) => ({ ok: true, value: `#${i}` })));
        },
      });
    });
  return { groups, write, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes a lone item at once, in a group of its own', async () => {
    const { groups, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 10, maxInFlight: 1, retryAlone: () => true });
    const answer = commit.submit(1);
    expect(groups.map((g) => g.items)).toEqual([[1]]);
    groups[0]?.finish();
    await expect(answer).resolves.toBe('#1');
  });

  it('groups what arrives while a group is written, up to maxGroup, in arrival order', async () => {
    const { groups, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 3, maxInFlight: 1, retryAlone: () => true });
    const answers = [1, 2, 3, 4, 5, 6].map((i) => commit.submit(i));
    expect(commit.backlog).toBe(5);
    groups[0]?.finish();
    await settle();
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3, 4]]);
    groups[1]?.finish();
    await settle();
    groups[2]?.finish();
    expect(await Promise.all(answers)).toEqual(['#1', '#2', '#3', '#4', '#5', '#6']);
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(commit.backlog).toBe(0);
  });

  it('starts the next group when the one before releases (its last statement sent), not before', async () => {
    const { groups, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 10, maxInFlight: 2, retryAlone: () => true });
    const answers = [1, 2, 3].map((i) => commit.submit(i));
    // A free slot is not enough: the first group has not sent its last statement yet.
    expect(groups.map((g) => g.items)).toEqual([[1]]);
    groups[0]?.release();
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3]]);
    groups[1]?.finish();
    groups[0]?.finish();
    expect(await Promise.all(answers)).toEqual(['#1', '#2', '#3']);
  });

  it('starts the next group when a write ends without releasing', async () => {
    const { groups, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 10, maxInFlight: 2, retryAlone: () => true });
    const answers = [1, 2].map((i) => commit.submit(i));
    groups[0]?.finish();
    await settle();
    expect(groups.map((g) => g.items)).toEqual([[1], [2]]);
    groups[1]?.finish();
    expect(await Promise.all(answers)).toEqual(['#1', '#2']);
  });

  it('writes at most maxInFlight groups at once, even when each releases at once', async () => {
    const { groups, write, mostAtOnce } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 2, maxInFlight: 2, retryAlone: () => true });
    const answers = [1, 2, 3, 4, 5, 6, 7].map((i) => commit.submit(i));
    groups[0]?.release();
    groups[1]?.release();
    expect(groups).toHaveLength(2);
    while (groups.length > 0) {
      const open = groups.splice(0, groups.length);
      for (const g of open) {
        g.release();
        g.finish();
      }
      await settle();
    }
    expect(await Promise.all(answers)).toHaveLength(7);
    expect(mostAtOnce()).toBe(2);
  });

  it('gives each group its share of what is outstanding, so that a herd answered together splits into groups that take turns', async () => {
    const { groups, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 64, maxInFlight: 2, retryAlone: () => true });
    const herd = Array.from({ length: 50 }, (_, i) => commit.submit(i));
    // 1 in flight and 49 waiting: the next group takes half of the 50 outstanding.
    groups[0]?.release();
    expect(groups.map((g) => g.items.length)).toEqual([1, 25]);
    groups[0]?.finish();
    await settle();
    // 25 in flight, 24 waiting: all 24 fit in the next group's share (25), once the second releases.
    expect(groups).toHaveLength(2);
    groups[1]?.release();
    expect(groups.map((g) => g.items.length)).toEqual([1, 25, 24]);
    groups[1]?.finish();
    groups[2]?.finish();
    expect(await Promise.all(herd)).toHaveLength(50);
  });

  it('with one group in flight, a group takes everything waiting, up to maxGroup', async () => {
    const { groups, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 64, maxInFlight: 1, retryAlone: () => true });
    const answers = Array.from({ length: 30 }, (_, i) => commit.submit(i));
    groups[0]?.release();
    expect(groups).toHaveLength(1);
    groups[0]?.finish();
    await settle();
    expect(groups.map((g) => g.items.length)).toEqual([1, 29]);
    groups[1]?.finish();
    expect(await Promise.all(answers)).toHaveLength(30);
  });

  it("refuses one item with its own error and answers the others of its group", async () => {
    const { groups, write } = controlledWrite();
    const commit = new GroupCommit(write, { maxGroup: 10, maxInFlight: 1, retryAlone: () => true });
    const first = commit.submit(1);
    const answers = [2, 3, 4].map((i) => commit.submit(i));
    groups[0]?.finish();
    await settle();
    const refusal = new Error('unknown organisation');
    groups[1]?.finish([{ ok: true, value: '#2' }, { ok: false, error: refusal }, { ok: true, value: '#4' }]);
    await expect(first).resolves.toBe('#1');
    await expect(answers[0]).resolves.toBe('#2');
    await expect(answers[1]).rejects.toBe(refusal);
    await expect(answers[2]).resolves.toBe('#4');
  });

  it('tries a failed group again item by item, so that only the item that breaks it fails', async () => {
    const written: number[][] = [];
    const broken = new Error('check constraint');
    const commit = new GroupCommit<number, string>(
      async (items) => {
        written.push([...items]);
        if (items.includes(3)) throw broken;
        return items.map((i) => ({ ok: true, value: `#${i}` }));
      },
      { maxGroup: 10, maxInFlight: 1, retryAlone: () => true },
    );
    const answers = [1, 2, 3, 4].map((i) => commit.submit(i).catch((error: unknown) => error));
    expect(await Promise.all(answers)).toEqual(['#1', '#2', broken, '#4']);
    expect(written).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('fails the whole group at once when trying again alone would only repeat the failure', async () => {
    const written: number[][] = [];
    const down = new Error('connect ECONNREFUSED');
    const commit = new GroupCommit<number, string>(
      async (items) => {
        written.push([...items]);
        throw down;
      },
      { maxGroup: 10, maxInFlight: 1, retryAlone: (error) => error !== down },
    );
    const answers = [1, 2, 3].map((i) => commit.submit(i).catch((error: unknown) => error));
    expect(await Promise.all(answers)).toEqual([down, down, down]);
    expect(written).toEqual([[1], [2, 3]]);
  });

  it('refuses a write that does not settle every item, rather than leave one unanswered', async () => {
    const commit = new GroupCommit<number, string>(async () => [], { maxGroup: 10, maxInFlight: 1, retryAlone: () => false });
    await expect(commit.submit(1)).rejects.toThrow('0 outcomes for 1 items');
  });
});
