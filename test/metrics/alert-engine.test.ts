// FastRoute's own alert evaluation agrees with the Prometheus rules it ships: the rules file is the
// text src/alerts/rules.ts generates (one definition of every expression and threshold), and the
// promtool unit tests of that file (fastroute-alerts.test.yml: input series, expected firing alerts)
// pass when their input series go through FastRoute's evaluator instead of promtool. promtool itself
// runs the same file in alert-rules.test.ts, so both engines are held to the same expectations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { evaluateAlerts, type AlertSeries } from '../../src/alerts/evaluate.ts';
import { ADVERTISED_ALERT_PREFIXES, ALERT_RULES, ROUTES_LEARNED_ALERT_RATIO, UTILISATION_ALERT_RATIO } from '../../src/alerts/rules.ts';
import { humanizePercentage, renderTemplate } from '../../src/alerts/template.ts';
import { rulesYaml } from '../../src/alerts/yaml.ts';

const DIR = path.join(import.meta.dirname, '../../monitoring/prometheus');

interface PromtoolTests {
  tests: {
    interval: string;
    input_series: { series: string; values: string }[];
    alert_rule_test: { eval_time: string; alertname: string; exp_alerts: { exp_labels: Record<string, string>; exp_annotations?: Record<string, string> }[] }[];
  }[];
}

const minutes = (d: string): number => {
  const m = /^(\d+)m$/.exec(d);
  if (!m) throw new Error(`this test reads durations in whole minutes, not ${d}`);
  return Number(m[1]);
};

/** promtool's expanding notation: `a`, `axn` (a, n more times), `a+bxn`, `a-bxn`, `_`, `_xn`. */
export function expandValues(text: string): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  for (const token of text.trim().split(/\s+/)) {
    const m = /^(_|-?[\d.e+]+?)(?:([+-])([\d.e]+))?(?:x(\d+))?$/.exec(token);
    if (!m) throw new Error(`unsupported series value ${token}`);
    const start = m[1] === '_' ? undefined : Number(m[1]);
    const step = m[3] === undefined ? 0 : (m[2] === '-' ? -1 : 1) * Number(m[3]);
    const times = m[4] === undefined ? 0 : Number(m[4]);
    for (let i = 0; i <= times; i++) out.push(start === undefined ? undefined : start + i * step);
  }
  return out;
}

/** `family{a="b",…}` → family and labels. */
function parseSelector(text: string): { family: string; labels: Record<string, string> } {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\}$/.exec(text);
  if (!m) throw new Error(`unsupported series ${text}`);
  const labels: Record<string, string> = {};
  for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)) labels[l[1] ?? ''] = l[2] ?? '';
  return { family: m[1] ?? '', labels };
}

/** Prometheus' 5-minute lookback: the newest sample at or before the minute, up to 5 minutes old. */
function inputSeries(series: string, values: string): AlertSeries {
  const { family, labels } = parseSelector(series);
  const points = expandValues(values);
  const changes = points.flatMap((v, i) => (i === 0 || v !== points[i - 1] ? [i] : []));
  return {
    family, labels, changes,
    at(minute) {
      for (let i = Math.min(minute, points.length - 1); i >= 0 && minute - i <= 5; i--) if (points[i] !== undefined) return points[i];
      return undefined;
    },
  };
}

const sortKey = (x: { labels: Record<string, string> }): string => JSON.stringify(Object.entries(x.labels).sort());

void describe('alert rules: one definition for Prometheus and FastRoute', () => {
  void it('the shipped rules file is the text src/alerts/rules.ts generates', () => {
    const shipped = readFileSync(path.join(DIR, 'fastroute-alerts.yml'), 'utf8');
    assert.equal(shipped, rulesYaml(ALERT_RULES), 'run `node --import tsx scripts/gen-alert-rules.ts` after editing src/alerts/rules.ts');
  });

  void it('the thresholds in the file are the constants FastRoute evaluates with', () => {
    const yaml = rulesYaml(ALERT_RULES);
    assert.equal(UTILISATION_ALERT_RATIO, 0.8);
    assert.equal(ROUTES_LEARNED_ALERT_RATIO, 0.8);
    assert.equal(ADVERTISED_ALERT_PREFIXES, 800);
    assert.equal(yaml.match(/group_left \(\) fastroute_azure_er_circuit_bandwidth_bits_per_second > 0\.8$/gm)?.length, 2);
    assert.match(yaml, /fastroute_azure_er_gateway_throughput_bits_per_second > 0\.8$/m);
    assert.match(yaml, /fastroute_azure_er_gateway_routes_learned_limit >= 0\.8$/m);
    assert.match(yaml, /\(fastroute_azure_er_gateway_routes_advertised\) >= 800$/m);
  });

  void it('a forOverride changes every `for:` and nothing else', () => {
    const a = rulesYaml(ALERT_RULES).split('\n');
    const b = rulesYaml(ALERT_RULES, { forOverride: '1s' }).split('\n');
    assert.equal(a.length, b.length);
    const differing = a.flatMap((line, i) => (line === b[i] ? [] : [[line.trim(), b[i]?.trim()]]));
    assert.equal(differing.length, ALERT_RULES.length);
    for (const [was, now] of differing) {
      assert.match(was ?? '', /^for: \d+m$/);
      assert.equal(now, 'for: 1s');
    }
  });

  void it('promtool\'s unit tests of the rules pass through FastRoute\'s evaluator', () => {
    const file = parse(readFileSync(path.join(DIR, 'fastroute-alerts.test.yml'), 'utf8')) as PromtoolTests;
    let checked = 0;
    for (const t of file.tests) {
      assert.equal(minutes(t.interval), 1);
      const series = t.input_series.map((s) => inputSeries(s.series, s.values));
      for (const c of t.alert_rule_test) {
        const at = minutes(c.eval_time);
        const firing = evaluateAlerts(series, at, 0).filter((a) => a.rule.alert === c.alertname && a.state === 'firing');
        const got = firing.map((a) => {
          const { alertname: _name, ...labels } = a.labels;
          return { labels, annotations: a.annotations };
        }).sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
        const want = c.exp_alerts.map((e) => ({ labels: e.exp_labels, annotations: e.exp_annotations ?? {} })).sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
        assert.deepEqual(got, want, `${c.alertname} at ${c.eval_time}`);
        checked++;
      }
    }
    assert.ok(checked >= 15, `${checked} expectations checked`);
  });
});

void describe('alert evaluation: runs, pending and firing', () => {
  const bgp = (peer: string, values: string): AlertSeries => inputSeries(
    `fastroute_azure_er_circuit_bgp_availability_percent{cloud_metric="BgpAvailability",namespace="Microsoft.Network/expressRouteCircuits",resource_id="er1",peering_type="Private",peer="${peer}"}`, values);

  void it('since is the first minute of the current run; an earlier run does not count', () => {
    // Down at 2-3, up at 4, down again from 6.
    const series = [bgp('Primary-IPv4', '100 100 0 0 100 100 0x5'), bgp('Secondary-IPv4', '100x11')];
    const at = (m: number) => evaluateAlerts(series, m, 0).filter((a) => a.rule.alert === 'FastRouteBgpSessionDown');
    assert.deepEqual(at(2).map((a) => [a.state, a.activeMinute]), [['pending', 2]]);
    assert.deepEqual(at(3).map((a) => [a.state, a.activeMinute]), [['firing', 2]]);
    assert.deepEqual(at(4), []);
    assert.deepEqual(at(6).map((a) => [a.state, a.activeMinute]), [['pending', 6]]);
    assert.deepEqual(at(9).map((a) => [a.state, a.activeMinute, a.labels.peer]), [['firing', 6, 'Primary-IPv4']]);
    // A run older than the history's floor starts at the floor.
    assert.deepEqual(evaluateAlerts(series, 9, 8).filter((a) => a.rule.alert === 'FastRouteBgpSessionDown').map((a) => a.activeMinute), [8]);
  });

  void it('utilisation fires above 80 %, not at it; learned routes at 80 % already', () => {
    const link = (bps: number): AlertSeries[] => [
      inputSeries('fastroute_azure_er_circuit_in_bits_per_second{cloud_metric="BitsInPerSecond",namespace="Microsoft.Network/expressRouteCircuits",resource_id="er1",peering_type="Private",device_role="Primary"}', `${bps}x10`),
      inputSeries('fastroute_azure_er_circuit_bandwidth_bits_per_second{resource_id="er1"}', '1000000000x10'),
      inputSeries('fastroute_azure_er_gateway_routes_learned{cloud_metric="ExpressRouteGatewayCountOfRoutesLearnedFromPeer",namespace="Microsoft.Network/virtualNetworkGateways",resource_id="gw1",role_instance="IN_0",bgp_peer_address="10.0.0.4"}', '3200x10'),
      inputSeries('fastroute_azure_er_gateway_routes_learned_limit{resource_id="gw1"}', '4000x10'),
    ];
    const names = (s: AlertSeries[]) => evaluateAlerts(s, 6, 0).map((a) => `${a.rule.alert} ${a.state} ${a.annotations.value ?? ''}`).sort();
    assert.deepEqual(names(link(800_000_000)), ['FastRouteGatewayRoutesLearnedNearLimit firing 80%']);
    assert.deepEqual(names(link(810_000_000)), ['FastRouteCircuitUtilisationHigh firing 81%', 'FastRouteGatewayRoutesLearnedNearLimit firing 80%']);
  });

  void it('renders the templates as Prometheus does', () => {
    assert.equal(humanizePercentage(0.9), '90%');
    assert.equal(humanizePercentage(0.825), '82.5%');
    assert.equal(humanizePercentage(0.123456), '12.35%');
    assert.equal(humanizePercentage(0), '0%');
    assert.equal(renderTemplate('{{ $labels.peer }} of {{$labels.resource_id}}: {{ $value }} ({{ $labels.none }})', { peer: 'Primary-IPv4', resource_id: 'er1' }, 850), 'Primary-IPv4 of er1: 850 ()');
    assert.throws(() => renderTemplate('{{ $value | humanize }}', {}, 1), /unsupported template action/);
  });
});
