// `fastroute start` as a real process: bad configuration exits 2 naming the field before anything
// starts; a good one prints every endpoint, serves, and stops cleanly on SIGTERM. The compiled
// (bundled) build finds the package's own files: the tutorial lab it applies by default, the console.
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { printedAdminUrl, ROOT, runCli, startCli } from './run.ts';

void describe('fastroute start', () => {
  void it('--help says what start runs today (no "later")', async () => {
    const r = await runCli(['start', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /the admin API and web console, the OCI and ARM APIs/);
    assert.doesNotMatch(r.stdout, /\blater\b/);
  });

  void it('--clock fast exits 2 naming clock', async () => {
    const r = await runCli(['start', '--clock', 'fast', '--in-memory', '--no-lab']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), 'invalid config: clock (from --clock) must be one of instant, realistic, manual; got "fast"');
    assert.equal(r.stdout, '', 'nothing started');
  });

  void it('an API key file that cannot be read exits 2 naming the field', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-keys-'));
    const file = path.join(dir, 'fastroute.config.json');
    writeFileSync(file, JSON.stringify({ ociApiKeys: [{ tenancyId: 't', userId: 'u', fingerprint: 'f', publicKeyFile: 'missing.pem' }] }));
    const r = await runCli(['start', '--config', file, '--in-memory', '--no-lab']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /ociApiKeys\.0\.publicKeyFile/);
  });

  void it('a bad FASTROUTE_* value exits 2 naming the variable', async () => {
    const r = await runCli(['start', '--in-memory', '--no-lab'], { FASTROUTE_ADMIN_PORT: 'abc' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ports\.admin \(from FASTROUTE_ADMIN_PORT\)/);
  });

  void it('prints the endpoints and data directory, serves, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-start-'));
    const server = await startCli(['--data-dir', dataDir, '--no-lab', '--admin-port', '0', '--oci-port', '0', '--arm-port', '0']);
    const stdout = server.stdout();
    const admin = printedAdminUrl(stdout);
    assert.ok(admin, stdout);
    try {
      const oci = /OCI API\s+│ (http:\/\/127\.0\.0\.1:\d+) \(default region; \1\/\{region\} for others\)/.exec(stdout)?.[1];
      assert.ok(oci, stdout);
      const ca = /ARM CA certificate\s+│ (\S+) /.exec(stdout)?.[1];
      assert.ok(ca !== undefined && ca.startsWith(path.join(dataDir, 'tls')), `the CA lives in the data directory: ${stdout}`);
      assert.match(readFileSync(ca, 'utf8'), /BEGIN CERTIFICATE/);
      assert.match(stdout, /ARM API\s+│ https:\/\/127\.0\.0\.1:\d+/);
      assert.ok(stdout.includes(path.join(dataDir, 'fastroute.db')), 'the data location is printed');
      const res = await fetch(`${admin}/fastroute/v1/clock`);
      assert.equal(res.status, 200);
      const vcns = await fetch(`${oci}/20160918/vcns?compartmentId=${DEFAULT_TENANCY_ID}`);
      assert.equal(vcns.status, 200, 'the OCI API answers on the printed endpoint');
      assert.deepEqual(await vcns.json(), []);
    } finally {
      assert.equal(await server.stop(), 0, server.stderr());
    }
    assert.ok(existsSync(path.join(dataDir, 'fastroute.db')));
  });

  void it('without a lab option brings the shipped tutorial up and serves the built console', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-start-tutorial-'));
    const server = await startCli(['--data-dir', dataDir, '--admin-port', '0', '--oci-port', '0', '--arm-port', '0']);
    const stdout = server.stdout();
    try {
      const admin = printedAdminUrl(stdout);
      assert.ok(admin, stdout);
      assert.doesNotMatch(server.stderr(), /tutorial lab .* is missing/);
      const status = (await (await fetch(`${admin}/fastroute/v1/status`)).json()) as { labs: string[]; version: string };
      assert.deepEqual(status.labs, ['tutorial']);
      assert.equal(status.version, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
      const page = await fetch(`${admin}/`);
      const built = existsSync(path.join(ROOT, 'console', 'dist', 'index.html'));
      assert.equal(page.status, built ? 200 : 503, 'the console of this package, built or not');
    } finally {
      assert.equal(await server.stop(), 0, server.stderr());
    }
  });
});
