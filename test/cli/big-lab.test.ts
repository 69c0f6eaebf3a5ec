// A big lab through the compiled server (`bin/fastroute.js start`): labs above OFF_THREAD_MIN_CHARS
// are parsed in dist/engine/lab-parse-worker.js, which only the compiled server runs (the API tests
// run the sources, whose worker goes through tsx). A valid one comes up; an invalid one is refused
// with the issue the worker found, so the lab errors survive the trip back from the worker.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { wideNetworkLabYaml } from '../../bench/wide-network-lab.ts';
import { OFF_THREAD_MIN_CHARS } from '../../src/engine/parse-lab-off-thread.ts';
import { printedAdminUrl, runCli, startCli, type RunningCli } from './run.ts';

const SUBNETS = 1500;

void describe('CLI: a big lab on the compiled server (parsed in its worker)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-big-lab-'));
  let server: RunningCli;
  let env: Record<string, string>;
  before(async () => {
    server = await startCli(['--in-memory', '--no-lab', '--admin-port', '0', '--oci-port', '0', '--arm-port', '0']);
    const admin = printedAdminUrl(server.stdout());
    assert.ok(admin, server.stdout());
    env = { FASTROUTE_URL: admin };
  });
  after(async () => {
    assert.equal(await server.stop(), 0, server.stderr());
  });

  void it(`brings up a lab of ${SUBNETS} subnets`, async () => {
    const yaml = wideNetworkLabYaml({ subnets: SUBNETS, name: 'wide' });
    assert.ok(yaml.length > OFF_THREAD_MIN_CHARS, 'big enough to be parsed in the worker');
    const file = path.join(dir, 'wide.yaml');
    writeFileSync(file, yaml);
    const r = await runCli(['up', file], env);
    assert.equal(r.code, 0, r.stderr);
    const created = Number(/Lab wide is up: (\d+) resources created/.exec(r.stdout)?.[1]);
    assert.ok(created > SUBNETS, r.stdout);
  });

  void it('refuses an invalid big lab with the issue, line and all', async () => {
    const yaml = `${wideNetworkLabYaml({ subnets: SUBNETS, name: 'wide-bad' })}\nbogusTopLevelKey: 1\n`;
    const file = path.join(dir, 'wide-bad.yaml');
    writeFileSync(file, yaml);
    const r = await runCli(['up', file], env);
    assert.notEqual(r.code, 0);
    const line = yaml.split('\n').indexOf('bogusTopLevelKey: 1') + 1;
    assert.match(r.stderr + r.stdout, new RegExp(`${line}:1 .*bogusTopLevelKey`));
  });
});
