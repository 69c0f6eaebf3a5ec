// The CLI against a FastRoute that requires its admin token (strict auth), as real processes:
// `fastroute start` prints the token and the console's sign-in URL once and reads its own summary
// with it; client commands find it in the data directory (FASTROUTE_DATA_DIR) or take
// FASTROUTE_ADMIN_TOKEN, and without it fail in one line naming the token.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { printedAdminUrl, runCli, startCli, type RunningCli } from './run.ts';

void describe('CLI with an admin token', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-cli-token-'));
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'fastroute-cli-token-none-'));
  let server: RunningCli;
  let admin: string;
  let token: string;

  before(async () => {
    server = await startCli(['--strict-auth', '--data-dir', dataDir, '--no-lab', '--admin-port', '0', '--oci-port', '0', '--arm-port', '0']);
    admin = printedAdminUrl(server.stdout()) ?? '';
    token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
  });
  after(async () => {
    assert.equal(await server.stop(), 0, server.stderr());
  });

  void it('start prints the token and the console sign-in URL, and reads its own summary with it', () => {
    assert.ok(admin, server.stdout());
    assert.match(server.stdout(), new RegExp(`Admin token\\s+│ ${token}`));
    assert.ok(server.stdout().includes(`${admin}/?token=${token}`), server.stdout());
    assert.equal(server.stdout().split(token).length - 1, 2, 'printed once (the token line and the sign-in URL)');
    assert.doesNotMatch(server.stderr(), /could not read/);
  });

  void it('client commands read the token from the data directory', async () => {
    const r = await runCli(['status', '--json'], { FASTROUTE_URL: admin, FASTROUTE_DATA_DIR: dataDir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { labs: string[] }).labs, []);
  });

  void it('or from FASTROUTE_ADMIN_TOKEN, and without one fail in one line', async () => {
    const withEnv = await runCli(['clock', 'show', '--json'], { FASTROUTE_URL: admin, FASTROUTE_DATA_DIR: elsewhere, FASTROUTE_ADMIN_TOKEN: token });
    assert.equal(withEnv.code, 0, withEnv.stderr);
    const without = await runCli(['status'], { FASTROUTE_URL: admin, FASTROUTE_DATA_DIR: elsewhere });
    assert.equal(without.code, 1);
    assert.match(without.stderr.trim(), /^error: Unauthorized: .*admin token/);
    assert.equal(without.stderr.trim().split('\n').length, 1);
  });
});
