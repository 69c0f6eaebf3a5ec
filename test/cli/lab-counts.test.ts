// What `up`, `down`, `clock` and `start` tell a user about a lab run, as printed by the real CLI:
// the counts add up (the same resources both ways, the clouds' defaults named apart), pending
// transitions are explained, a refused run prints only its error, a long wait says what it waits
// for, and a busy port stops start-up before anything is written.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startTestServer, TUTORIAL } from '../api/server.ts';
import { ROOT, runCli, serverForSuite, startCli } from './run.ts';

const HUB = path.join(ROOT, 'labs', 'hub-and-spoke.yaml');

const countOf = (text: string, re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);

void describe('CLI: lab counts, pending transitions and message order (instant clock)', () => {
  const suite = serverForSuite(startTestServer);

  void it('up and down count the same resources, and name what the clouds made with them', async () => {
    const up = await runCli(['up', HUB], suite.env);
    assert.equal(up.code, 0, up.stderr);
    const created = countOf(up.stdout, /is up: (\d+) resources created/);
    assert.ok(created > 0, up.stdout);
    assert.match(up.stdout, /Not counted: \d+ parts and defaults the clouds made with them \(.*oci\.|azure\./);
    const down = await runCli(['down', 'hub-and-spoke'], suite.env);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(countOf(down.stdout, /is down: (\d+) resources deleted/), created, `${up.stdout}\n${down.stdout}`);
    assert.match(down.stdout, /Not counted: \d+ parts and defaults the clouds removed with them/);
    const lastProgress = [...down.stdout.matchAll(/teardown\s+(\d+) deleted, 0 remaining/g)].at(-1);
    assert.equal(Number(lastProgress?.[1]), created, 'the progress lines count the same way');
  });

  void it('after down, the clock says what its pending transitions are', async () => {
    const r = await runCli(['clock'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    const pending = countOf(r.stdout, /(\d+) transition\(s\) pending, next in 5 min/);
    assert.ok(pending > 0, r.stdout);
    assert.match(r.stdout, new RegExp(`^\\s+${pending} × deleted OCI resource kept readable as TERMINATED/DETACHED for 5 min`, 'm'));
  });

  void it('down of a lab that is not up prints only the error', async () => {
    const r = await runCli(['down', 'nosuchlab'], suite.env);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '', 'no "Tearing down…" before the error');
    assert.match(r.stderr, /no lab named "nosuchlab" is up/);
  });

  void it('up of a lab that is already up prints only the error', async () => {
    assert.equal((await runCli(['up', TUTORIAL], suite.env)).code, 0);
    const r = await runCli(['up', TUTORIAL], suite.env);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '', 'no "Applying…" before the error');
    assert.match(r.stderr, /already up/);
  });
});

void describe('CLI: a long wait says what it waits for (realistic clock)', () => {
  // 0.002: the ER gateway's 30 min take 3.6 s.
  const suite = serverForSuite(() => startTestServer({ clock: 'realistic', clockScale: '0.002' }));

  void it('up names the ExpressRoute gateway it waits for, on plain lines when not on a terminal', async () => {
    const r = await runCli(['up', TUTORIAL], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}\[\s*\d+\.\ds\] waiting\s+waiting for ExpressRoute gateway ergw: Updating, ~\d+ s at clock scale 0\.002/m);
    assert.ok(!r.stdout.includes('\r') && !r.stdout.includes(String.fromCharCode(27)), 'no terminal control codes in a pipe');
  });
});

void describe('CLI: start on a busy port', () => {
  void it('says which port is taken and writes nothing', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'fastroute-busy-')), 'data');
    try {
      const r = await runCli(['start', '--data-dir', dataDir, '--no-lab', '--admin-port', '0', '--oci-port', String(port), '--arm-port', '0']);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, new RegExp(`port ${port} \\(OCI API\\) on 127\\.0\\.0\\.1 is already in use.*--oci-port`));
      assert.equal(existsSync(dataDir), false, 'no data directory, database or TLS files');
    } finally {
      busy.close();
    }
  });
});

void describe('CLI: start again on a kept world', () => {
  void it('says the lab is already present, without first announcing that it applies it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-restart-'));
    const args = ['--data-dir', dataDir, '--admin-port', '0', '--oci-port', '0', '--arm-port', '0'];
    const first = await startCli(args);
    assert.match(first.stdout(), /Applying lab labs\/tutorial\.yaml/);
    assert.equal(await first.stop(), 0);
    const second = await startCli(args);
    try {
      assert.match(second.stdout(), /Lab tutorial is already present/);
      assert.doesNotMatch(second.stdout(), /Applying lab/);
    } finally {
      assert.equal(await second.stop(), 0);
    }
  });
});
