import { canonicalJson } from './chain.js';

export interface FieldDiff {
  readonly from: unknown;
  readonly to: unknown;
}

/** The top-level fields whose values differ (compared as canonical JSON), with before and after. */
export function diffFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, ignore: readonly string[] = []): Record<string, FieldDiff> {
  const changes: Record<string, FieldDiff> = {};
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (ignore.includes(key)) continue;
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}
