// Money and volumes as the estimate writes them: USD to the cent with thousands separators, GB
// to the unit.

/** Cents, rounded half away from zero (the figures are never negative). */
export function cents(usd: number): number {
  return Math.round((usd + Number.EPSILON) * 100) / 100;
}

export function usd(x: number): string {
  return `$${cents(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function gb(x: number): string {
  return `${Math.round(x).toLocaleString('en-US')} GB`;
}
