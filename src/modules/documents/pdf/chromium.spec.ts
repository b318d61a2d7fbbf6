import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from './chromium.js';

describe('findChromium', () => {
  let dir: string;
  const touch = (file: string, mode: number): string => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\nexit 0\n');
    fs.chmodSync(file, mode);
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'find-chromium-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns CHROMIUM_PATH when it is an executable file, even with an empty PATH', () => {
    const exe = touch(path.join(dir, 'my-chrome'), 0o755);
    expect(findChromium(exe, '')).toBe(exe);
  });

  it('refuses a CHROMIUM_PATH that does not exist, saying so', () => {
    expect(() => findChromium(path.join(dir, 'nope'), process.env.PATH)).toThrow(/CHROMIUM_PATH=.*nope does not exist/);
  });

  it('refuses a CHROMIUM_PATH that is not executable, or is a directory', () => {
    const plain = touch(path.join(dir, 'not-exec'), 0o644);
    expect(() => findChromium(plain, '')).toThrow(/not an executable file/);
    expect(() => findChromium(dir, '')).toThrow(/not an executable file/);
  });

  it('searches the PATH for chromium-headless-shell, then chromium, then google-chrome', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    const chrome = touch(path.join(a, 'google-chrome'), 0o755);
    const search = [a, b].join(path.delimiter);
    expect(findChromium(undefined, search)).toBe(chrome);
    const chromium = touch(path.join(b, 'chromium'), 0o755);
    expect(findChromium(undefined, search)).toBe(chromium);
    const shell = touch(path.join(b, 'chromium-headless-shell'), 0o755);
    expect(findChromium('', search)).toBe(shell);
  });

  it('skips non-executable candidates and relative PATH entries', () => {
    touch(path.join(dir, 'chromium-headless-shell'), 0o644);
    const chromium = touch(path.join(dir, 'bin', 'chromium'), 0o755);
    expect(findChromium(undefined, ['', '.', dir, path.join(dir, 'bin')].join(path.delimiter))).toBe(chromium);
  });

  it('throws a clear error listing the names and directories it tried', () => {
    expect(() => findChromium(undefined, dir)).toThrow(new RegExp(`chromium-headless-shell, chromium, google-chrome.*${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(() => findChromium(undefined, '')).toThrow(/No Chromium found.*\(empty\)/);
  });
});
