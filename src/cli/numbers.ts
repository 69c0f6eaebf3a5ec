// Numeric command-line values: checked here so a typo is one clear line, not a server round trip.
import { CliExit } from './output.ts';

export function toInteger(raw: string, what: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new CliExit(1, `${what} must be a whole number from ${min} to ${max}; got "${raw}"`);
  return n;
}
