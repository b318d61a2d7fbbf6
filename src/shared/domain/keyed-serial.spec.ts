import { KeyedSerial } from './keyed-serial.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerial', () => {
  it('runs work of one key one at a time, in order, and other keys beside it', async () => {
    const serial = new KeyedSerial();
    const log: string[] = [];
    const first = gate();
    const a1 = serial.run('a', async () => {
      log.push('a1 start');
      await first.opened;
      log.push('a1 end');
      return 1;
    });
    const a2 = serial.run('a', async () => {
      log.push('a2');
      return 2;
    });
    const b1 = serial.run('b', async () => {
      log.push('b1');
      return 3;
    });
    await tick();
    expect(log).toEqual(['a1 start', 'b1']);
    first.open();
    await expect(Promise.all([a1, a2, b1])).resolves.toEqual([1, 2, 3]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('runs the next in line after a failure, which stays its caller’s', async () => {
    const serial = new KeyedSerial();
    const failed = serial.run('a', async () => {
      throw new Error('boom');
    });
    const next = serial.run('a', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('forgets a key once its line is empty', async () => {
    const serial = new KeyedSerial();
    const held = gate();
    const running = serial.run('a', () => held.opened);
    void serial.run('a', async () => undefined);
    expect(serial.size).toBe(1);
    held.open();
    await running;
    for (let i = 0; i < 5 && serial.size > 0; i += 1) await tick();
    expect(serial.size).toBe(0);
  });
});
