/**
 * Incident references read BR-YYYY-NNNN: the year the incident was recorded (in the
 * organisation's time zone) and a per-organisation, per-year sequence without gaps
 * (numbers are taken in the same transaction as the insert, so a failed insert returns
 * its number). Past 9999 the number simply grows a digit.
 */
const REFERENCE = /^BR-(\d{4})-(\d{4,})$/;

export function formatReference(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence out of range: ${sequence}`);
  return `BR-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseReference(reference: string): { year: number; sequence: number } | undefined {
  const match = REFERENCE.exec(reference);
  if (!match) return undefined;
  return { year: Number(match[1]), sequence: Number(match[2]) };
}
