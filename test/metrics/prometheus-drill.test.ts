// A real Prometheus (Debian's `prometheus` binary, a child process on a free loopback port with a
// temporary data directory) scrapes a tutorial FastRoute's /metrics every second and evaluates the
// shipped rules every second. A primary link-down drill takes the primary BGP session down:
// Prometheus' /api/v1/alerts shows FastRouteBgpSessionDown pending, then firing, with the labels
// FastRoute's own GET /alerts gives the same alert; stopping the drill resolves it.
// The rules are rulesYaml(ALERT_RULES) with every `for:` shortened to 3s (the shipped file says 1m
// and 5m; alert-engine.test.ts checks that the override changes the `for:` lines and nothing else,
// and that the shipped file is the same text with the real durations).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALERT_RULES } from '../../src/alerts/rules.ts';
import type { AlertsResponse } from '../../src/alerts/types.ts';
import { rulesYaml } from '../../src/alerts/yaml.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { startTestServer, TUTORIAL, type TestServer } from '../api/server.ts';

const ALERT = 'FastRouteBgpSessionDown';
/** The whole wait for one state change; a scrape and an evaluation each second make it a few seconds. */
const WAIT_MS = 30_000;
const POLL_MS = 200;

function findPrometheus(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/bin')) {
    const candidate = path.join(dir, 'prometheus');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface PromAlert { labels: Record<string, string>; state: 'pending' | 'firing'; activeAt: string; value: string }

const prometheus = findPrometheus();

describeWithTool('a real Prometheus scrapes FastRoute and fires BGP-down during a drill', prometheus === undefined ? 'skipped: prometheus not found (apt-get install prometheus; .ci/run does)' : undefined, () => {
  let s: TestServer | undefined;
  let child: ChildProcess | undefined;
  let dir = '';
  let promUrl = '';
  let log = '';

  /** Polls until `done` returns a value, at most WAIT_MS; the failure says what it waited for and what Prometheus logged. */
  async function until<T>(what: string, done: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      if (child?.exitCode !== null) throw new Error(`prometheus exited (${String(child?.exitCode)}) while waiting for ${what}:\n${log.slice(-2000)}`);
      const v = await done().catch(() => undefined);
      if (v !== undefined) return v;
      await sleep(POLL_MS);
    }
    throw new Error(`no ${what} within ${WAIT_MS / 1000} s; prometheus logged:\n${log.slice(-2000)}`);
  }

  const promAlerts = async (): Promise<PromAlert[]> => {
    const res = await fetch(`${promUrl}/api/v1/alerts`);
    const body = (await res.json()) as { status: string; data: { alerts: PromAlert[] } };
    assert.equal(body.status, 'success');
    return body.data.alerts.filter((a) => a.labels.alertname === ALERT);
  };

  before(async () => {
    // Prometheus starts while FastRoute brings the tutorial up: both ports are chosen first.
    const [fastroutePort, port] = [await freePort(), await freePort()];
    dir = mkdtempSync(path.join(tmpdir(), 'fastroute-prometheus-'));
    promUrl = `http://127.0.0.1:${port}`;
    writeFileSync(path.join(dir, 'fastroute-alerts.yml'), rulesYaml(ALERT_RULES, { forOverride: '3s' }));
    writeFileSync(path.join(dir, 'prometheus.yml'), [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'rule_files: [fastroute-alerts.yml]',
      'scrape_configs:',
      '  - job_name: fastroute',
      `    static_configs: [{ targets: ['127.0.0.1:${fastroutePort}'] }]`,
      '',
    ].join('\n'));
    child = spawn(prometheus ?? 'prometheus', [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    s = await startTestServer({ lab: TUTORIAL, adminPort: String(fastroutePort) });
    await until('ready Prometheus', async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined));
    await until('successful scrape of FastRoute', async () => {
      const res = await fetch(`${promUrl}/api/v1/targets`);
      const body = (await res.json()) as { data: { activeTargets: { health: string; lastError: string }[] } };
      return body.data.activeTargets[0]?.health === 'up' ? true : undefined;
    });
  });

  after(async () => {
    // The child by its pid only; SIGKILL if it does not stop in 5 s.
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!stopped && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    }
    await s?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  void it('drill link-down on the primary: pending, firing with FastRoute\'s own labels, resolved when the drill stops', async () => {
    const fr = s;
    assert.ok(fr, 'FastRoute started');
    assert.deepEqual(((await fr.api('GET', '/labs')).body as { labs: string[] }).labs, ['tutorial']);
    assert.deepEqual(await promAlerts(), [], 'no BGP alert before the drill');
    const drill = await fr.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal(drill.status, 201, drill.text);

    const seen = new Set<string>();
    const firing = await until(`${ALERT} firing`, async () => {
      const alerts = await promAlerts();
      for (const a of alerts) seen.add(a.state);
      return alerts.find((a) => a.state === 'firing');
    });
    assert.ok(seen.has('pending'), 'pending (for: 3s) before firing');
    assert.equal(firing.labels.peer, 'Primary-IPv4');
    assert.equal(firing.labels.severity, 'critical');
    assert.equal(Number(firing.value), 0);
    assert.equal((await promAlerts()).length, 1, 'the secondary session stays up: one alert');

    // FastRoute's own evaluation of the same rule (for: 1m on its clock, so still pending) names the same alert.
    const own = (await fr.api('GET', '/alerts')).body as AlertsResponse;
    const mine = own.alerts.find((a) => a.name === ALERT);
    assert.ok(mine, JSON.stringify(own.alerts));
    const { job: _job, instance: _instance, ...promLabels } = firing.labels;
    assert.deepEqual(mine.labels, promLabels);
    assert.equal(mine.summary, `BGP session Primary-IPv4 of circuit ${promLabels.resource_id ?? ''} is down`);

    const stop = await fr.api('DELETE', '/drills');
    assert.equal(stop.status, 200, stop.text);
    await until(`${ALERT} resolved`, async () => ((await promAlerts()).length === 0 ? true : undefined));
    assert.deepEqual(((await fr.api('GET', '/alerts')).body as AlertsResponse).alerts, []);
  });
});
