// The machine's processes from /proc: the service's tree (primary, workers, Chromium), its
// resident memory and the CPU time spent by it and by PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Every process: pid -> { ppid, comm, exe, cpuTicks (user + system) }. */
export function processTable() {
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let exe = null;
      try {
        exe = fs.readlinkSync(`/proc/${entry}/exe`);
      } catch { /* a kernel thread or another user's */ }
      table.set(Number(entry), { ppid: Number(fields[1]), comm, exe, cpuTicks: Number(fields[11]) + Number(fields[12]) });
    } catch { /* gone */ }
  }
  return table;
}

/** A line of /proc/<pid>/<file> in kB, 0 if the process has gone. */
export function procKiB(pid, file, field) {
  try {
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** rootPid and every process below it. */
export function descendants(rootPid, table = processTable()) {
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    found.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Resident memory of a process and all its descendants (the service and its Chromium), MiB. */
export function treeRssMiB(rootPid) {
  return Math.round(descendants(rootPid).reduce((kib, pid) => kib + procKiB(pid, 'status', 'VmRSS'), 0) / 1024);
}

/** Resident memory of one process, MiB. */
export function rssMiB(pid) {
  return Math.round(procKiB(pid, 'status', 'VmRSS') / 1024);
}

/**
 * CPU seconds used so far by the service's tree and by every PostgreSQL process of the
 * machine (the embedded server the benchmark started; the system's idle one adds nothing).
 * Take it before and after a load and subtract: `cpuUsed(before, after, requests)`.
 */
export function cpuSnapshot(servicePid) {
  const table = processTable();
  const service = new Set(descendants(servicePid, table));
  let serviceTicks = 0;
  let postgresTicks = 0;
  for (const [pid, p] of table) {
    if (service.has(pid)) serviceTicks += p.cpuTicks;
    else if (p.comm.startsWith('postgres')) postgresTicks += p.cpuTicks;
  }
  return { service: serviceTicks / TICKS_PER_SECOND, postgres: postgresTicks / TICKS_PER_SECOND, at: performance.now() };
}

/** CPU milliseconds per request, and how busy the machine's cores were, between two snapshots. */
export function cpuUsed(before, after, requests) {
  const seconds = (after.at - before.at) / 1000;
  const perRequest = (s) => Math.round((s * 1000 * 1000) / Math.max(requests, 1)) / 1000;
  const service = after.service - before.service;
  const postgres = after.postgres - before.postgres;
  return {
    serviceMsPerRequest: perRequest(service),
    postgresMsPerRequest: perRequest(postgres),
    coresBusy: { service: Math.round((service / seconds) * 100) / 100, postgres: Math.round((postgres / seconds) * 100) / 100, of: os.cpus().length },
  };
}
