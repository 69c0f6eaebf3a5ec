// Evaluates the alerting rules over series that are step functions at 1-minute grain (FastRoute's
// metric history, or a promtool test's input series): at the current minute, each rule's condition
// as Prometheus computes its expression, and for each alert the first minute of the run in which it
// has held without a break (Prometheus' activeAt, had it evaluated every minute). pending until it
// has held for the rule's `for`, firing from then on. A rule's result changes only where one of the
// series it reads changes, so the walk back visits those minutes only. Pure.
import { ALERT_RULES, type AlertRule } from './rules.ts';
import { renderTemplate } from './template.ts';
import type { AlertState } from './types.ts';
import type { Element, Instant, Vector } from './vector.ts';

export interface AlertSeries {
  /** The Prometheus metric family. */
  family: string;
  /** Its labels (no __name__). */
  labels: Readonly<Record<string, string>>;
  /** The value at a minute; undefined: no data. */
  at(minute: number): number | undefined;
  /** Minutes at which the value may change, ascending. */
  changes: readonly number[];
}

export interface EvaluatedAlert {
  rule: AlertRule;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  /** The first minute of the current run. */
  activeMinute: number;
  state: AlertState;
}

function instantAt(byFamily: ReadonlyMap<string, readonly AlertSeries[]>, minute: number): Instant {
  return {
    select(family: string): Vector {
      const out: Element[] = [];
      for (const s of byFamily.get(family) ?? []) {
        const value = s.at(minute);
        if (value !== undefined) out.push({ labels: s.labels, value });
      }
      return out;
    },
  };
}

const key = (labels: Readonly<Record<string, string>>): string => Object.keys(labels).sort().map((k) => `${k}=${labels[k] ?? ''}`).join('\u0000');

/** Minutes where the rule's result may change, newest first: each starts a stretch of constant result. */
function stretchStarts(rule: AlertRule, byFamily: ReadonlyMap<string, readonly AlertSeries[]>, floor: number, now: number): number[] {
  const minutes = new Set<number>([floor]);
  for (const fam of rule.reads) {
    for (const s of byFamily.get(fam) ?? []) for (const m of s.changes) if (m > floor && m <= now) minutes.add(m);
  }
  return [...minutes].sort((a, b) => b - a);
}

/** The rules' alerts at `now` (a minute), looking back no further than `floor` (the history's first minute). */
export function evaluateAlerts(series: readonly AlertSeries[], now: number, floor: number, rules: readonly AlertRule[] = ALERT_RULES): EvaluatedAlert[] {
  const byFamily = new Map<string, AlertSeries[]>();
  for (const s of series) {
    let list = byFamily.get(s.family);
    if (list === undefined) byFamily.set(s.family, (list = []));
    list.push(s);
  }
  const out: EvaluatedAlert[] = [];
  for (const rule of rules) {
    const current = rule.evaluate(instantAt(byFamily, now));
    if (current.length === 0) continue;
    const starts = stretchStarts(rule, byFamily, Math.min(floor, now), now);
    // Each alert's run: back through the stretches while it is in the result.
    const open = new Map(current.map((e) => [key(e.labels), e]));
    const activeSince = new Map<string, number>();
    for (let i = 1; i < starts.length && open.size > 0; i++) {
      const present = new Set(rule.evaluate(instantAt(byFamily, starts[i] ?? now)).map((e) => key(e.labels)));
      for (const k of [...open.keys()]) {
        if (present.has(k)) continue;
        activeSince.set(k, starts[i - 1] ?? now);
        open.delete(k);
      }
    }
    for (const k of open.keys()) activeSince.set(k, starts.at(-1) ?? now);
    for (const e of current) {
      const activeMinute = activeSince.get(key(e.labels)) ?? now;
      const labels = { alertname: rule.alert, ...e.labels, severity: rule.severity };
      const annotations: Record<string, string> = { summary: renderTemplate(rule.summary, labels, e.value) };
      if (rule.value !== undefined) annotations.value = renderTemplate(rule.value, labels, e.value);
      out.push({ rule, labels, annotations, value: e.value, activeMinute, state: now - activeMinute >= rule.forMinutes ? 'firing' : 'pending' });
    }
  }
  return out;
}
