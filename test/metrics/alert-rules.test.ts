// The Prometheus alerting rules shipped in monitoring/prometheus: promtool accepts them (`check rules`)
// and their unit tests pass (`test rules`: input series, expected alerts), and every metric they name
// is one a running FastRoute serves at /metrics, so a rename in the catalogue cannot silently leave an
// alert watching nothing. promtool is Debian's `prometheus` package (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { startTestServer, TUTORIAL, type TestServer } from '../api/server.ts';
import { resources } from '../api/tutorial-server.ts';

const DIR = path.join(import.meta.dirname, '../../monitoring/prometheus');
const RULES = path.join(DIR, 'fastroute-alerts.yml');

function findPromtool(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/bin')) {
    const candidate = path.join(dir, 'promtool');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

interface RuleFile { groups: { name: string; rules: { alert: string; expr: string }[] }[] }

function rules(): { alert: string; expr: string }[] {
  return (parse(readFileSync(RULES, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules);
}

/** The fastroute_ metric names an expression selects (label values and templates do not start with it). */
function metricNames(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\bfastroute_[a-z0-9_]+/g)].map((m) => m[0]))];
}

const promtool = findPromtool();

describeWithTool('alert rules: promtool check rules and test rules', promtool === undefined ? 'skipped: promtool not found (apt-get install prometheus; .ci/run does)' : undefined, () => {
  const run = (args: string[]) => spawnSync(promtool as string, args, { cwd: DIR, encoding: 'utf8', timeout: 60_000 });

  void it('promtool check rules accepts every rule', () => {
    const r = run(['check', 'rules', 'fastroute-alerts.yml']);
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, new RegExp(`SUCCESS: ${rules().length} rules found`));
  });

  void it('promtool test rules: every expected alert fires, and only those', () => {
    const r = run(['test', 'rules', 'fastroute-alerts.test.yml']);
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /SUCCESS/);
  });

  void it('every alert has a unit test', () => {
    const tested = new Set((parse(readFileSync(path.join(DIR, 'fastroute-alerts.test.yml'), 'utf8')) as { tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[] })
      .tests.flatMap((t) => t.alert_rule_test).filter((t) => t.exp_alerts.length > 0).map((t) => t.alertname));
    assert.deepEqual(rules().map((r) => r.alert).filter((a) => !tested.has(a)), []);
  });
});

void describe('alert rules name only metrics FastRoute serves (a /metrics scrape of the tutorial)', () => {
  let s: TestServer;
  let scrape = '';
  before(async () => {
    s = await startTestServer({ lab: TUTORIAL });
    const res = await fetch(`${s.adminUrl}/metrics`);
    assert.equal(res.status, 200);
    scrape = await res.text();
  });
  after(async () => {
    await s.close();
  });

  void it('every metric in every expression is a family in the scrape', () => {
    const served = new Set([...scrape.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    for (const rule of rules()) {
      const names = metricNames(rule.expr);
      assert.ok(names.length > 0, `${rule.alert} names no fastroute_ metric`);
      for (const name of names) assert.ok(served.has(name), `${rule.alert}: ${name} is not served at /metrics`);
    }
  });

  void it('the limits the rules divide by have a series for the tutorial circuit and gateway', async () => {
    const circuit = (await resources<{ id: string }>(s, 'azure.ExpressRouteCircuit'))[0]?.id ?? '';
    const gateway = (await resources<{ id: string }>(s, 'azure.VirtualNetworkGateway'))[0]?.id ?? '';
    const value = (name: string, id: string) => {
      const line = scrape.split('\n').find((l) => l.startsWith(`${name}{resource_id="${id}"}`));
      return line === undefined ? undefined : Number(line.split(' ').at(-1));
    };
    // The tutorial: a 1 Gbps circuit and a Standard gateway (1 Gbps, 4,000 routes learned).
    assert.equal(value('fastroute_azure_er_circuit_bandwidth_bits_per_second', circuit), 1e9);
    assert.equal(value('fastroute_azure_er_gateway_throughput_bits_per_second', gateway), 1e9);
    assert.equal(value('fastroute_azure_er_gateway_routes_learned_limit', gateway), 4000);
  });
});
