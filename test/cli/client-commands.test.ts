// The CLI's client commands against a server started in-process: --json prints the API's JSON,
// human output is tables, and errors are one line with exit code 1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestServer } from '../api/server.ts';
import { runCli, serverForSuite } from './run.ts';

type Json = Record<string, unknown>;

void describe('CLI client commands', () => {
  const suite = serverForSuite(startTestServer);

  void it('status --json prints the API response', async () => {
    const r = await runCli(['status', '--json'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    const cli = JSON.parse(r.stdout) as Json;
    const api = (await suite.s.api('GET', '/status')).body as Json;
    // The clock's `now` moves between the two calls; everything else must be identical.
    assert.deepEqual({ ...cli, clock: { ...(cli.clock as Json), now: 'x' } }, { ...api, clock: { ...(api.clock as Json), now: 'x' } });
    assert.equal(cli.dataLocation, ':memory:');
    assert.deepEqual(cli.interconnects, []);
  });

  void it('ca prints the ARM CA certificate path, and --pem the certificate', async () => {
    const r = await runCli(['ca'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), suite.s.endpoints.armCa);
    const pem = await runCli(['ca', '--pem'], suite.env);
    assert.equal(pem.code, 0, pem.stderr);
    assert.match(pem.stdout, /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/);
  });

  void it('status prints readable tables with every endpoint', async () => {
    const r = await runCli(['status'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Admin API / console\\s+│ ${suite.s.adminUrl.replace(/[.]/g, '\\.')}`));
    assert.ok(r.stdout.includes(`${suite.s.endpoints.oci} (default region; ${suite.s.endpoints.oci}/{region} for others)`), r.stdout);
    assert.ok(r.stdout.includes(suite.s.endpoints.arm), r.stdout);
    assert.ok(r.stdout.includes(suite.s.endpoints.armCa), 'the CA path is printed');
    assert.match(r.stdout, /No interconnects yet/);
  });

  void it('clock set manual, advance and show', async () => {
    const set = await runCli(['clock', 'set', 'manual', '--scale', '0.5', '--json'], suite.env);
    assert.equal(set.code, 0, set.stderr);
    const before = JSON.parse(set.stdout) as Json;
    assert.equal(before.mode, 'manual');
    assert.equal(before.scale, 0.5);
    const adv = await runCli(['clock', 'advance', '30', '--json'], suite.env);
    assert.equal(adv.code, 0, adv.stderr);
    assert.equal(Date.parse((JSON.parse(adv.stdout) as Json).now as string) - Date.parse(before.now as string), 30_000);
    const show = await runCli(['clock'], suite.env);
    assert.match(show.stdout, /^Clock: manual \(delays ×0\.5\)/);
    const back = await runCli(['clock', 'set', 'instant'], suite.env);
    assert.match(back.stdout, /^Clock: instant/);
    const refused = await runCli(['clock', 'advance', '30'], suite.env);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, 'the clock is instant; only a manual clock can be advanced: run `fastroute clock set manual` first\n', 'in CLI terms, not the API call');
    const bad = await runCli(['clock', 'set', 'fast'], suite.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /InvalidParameter/);
  });

  void it('events --json and the events table', async () => {
    const r = await runCli(['events', '--json', '--limit', '2'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    const { events } = JSON.parse(r.stdout) as { events: Json[] };
    assert.equal(events.length, 2);
    const table = await runCli(['events', '--kind', 'oci.Tenancy'], suite.env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Seq.*Time.*Kind.*Resource.*Change.*Cause/);
    assert.match(table.stdout, /oci\.Tenancy/);
    const bad = await runCli(['events', '--limit', 'many'], suite.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /limit/);
  });

  void it('reset needs --yes when not interactive', async () => {
    const refused = await runCli(['reset'], suite.env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /--yes/);
    const r = await runCli(['reset', '--yes', '--json'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Json).reset, true);
  });

  void it('up with a missing file, and down with no lab up, fail with one line', async () => {
    const up = await runCli(['up', 'does-not-exist.yaml'], suite.env);
    assert.equal(up.code, 1);
    assert.match(up.stderr, /^cannot read does-not-exist\.yaml/);
    const down = await runCli(['down'], suite.env);
    assert.equal(down.code, 1);
    assert.equal(down.stderr.trim(), 'no lab is up');
  });
});

void describe('CLI without a server', () => {
  void it('says FastRoute is not running, in one line, exit 1', async () => {
    const s = await startTestServer();
    const url = s.adminUrl;
    await s.close(); // the port is now closed: nothing listens there
    for (const args of [['status'], ['status', '--json'], ['events'], ['clock'], ['reset', '--yes']]) {
      const r = await runCli(args, { FASTROUTE_URL: url });
      assert.equal(r.code, 1, args.join(' '));
      assert.equal(r.stderr, `FastRoute is not running at ${url} (start it with \`npm start\`)\n`);
      assert.equal(r.stdout, '');
    }
  });
});
