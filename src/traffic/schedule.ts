// A flow's schedule at an instant: constant (factor 1), or a daily profile of 24 hourly factors
// read at the instant's UTC hour (a step per hour: the model's resolution is the hour).
import type { Schedule } from './types.ts';

export const HOURS_PER_DAY = 24;

export function scheduleFactor(schedule: Schedule | undefined, at: number): number {
  if (schedule === undefined || schedule === 'constant') return 1;
  const hour = new Date(at).getUTCHours();
  return schedule.daily[hour] ?? 0;
}
