// Numeric command-line values: checked here so a typo is one clear line (exit 2, bad usage), not a
// server round trip.
import { usageError } from './output.ts';

export function toInteger(raw: string, what: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw usageError(`${what} must be a whole number from ${min} to ${max}; got "${raw}"`);
  return n;
}

export function toNumber(raw: string, what: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw usageError(`${what} must be a number; got "${raw}"`);
  return n;
}
