// `fastroute capture` and `fastroute dataplane status` as users run them (the compiled CLI against a
// server process, root): a capture on a VM during a bounded ping writes a pcap holding the echoes;
// an unknown target exits 1 naming what exists; status shows each interconnect link's rate and counters.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServerProcess } from '../reliability/server-process.ts';
import { runCli } from '../cli/run.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { dataplaneMissing } from './machine.ts';
import { icmpRecords } from './pcap.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');
const missing = dataplaneMissing() ?? (findTool('tcpdump') === undefined ? 'skipped: tcpdump not found (apt-get install tcpdump)' : undefined);

describeWithTool('fastroute capture', missing, () => {
  void it('writes a pcap of a VM\'s traffic for the seconds asked, and status shows the shaped links', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-dp-capture-'));
    const server = await startServerProcess(dir);
    try {
      const lab = await fetch(`${server.admin}/fastroute/v1/labs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ yaml: readFileSync(TUTORIAL, 'utf8'), file: 'tutorial.yaml' }) });
      assert.ok(lab.ok, await lab.text());
      const up = await fetch(`${server.admin}/fastroute/v1/dataplane`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(up.status, 201, await up.text());
      const env = { FASTROUTE_URL: server.admin };
      const file = path.join(dir, 'vm-azure.pcap');
      const capture = runCli(['capture', 'vm-azure', '--seconds', '3', '-w', file, '--', 'icmp'], env);
      await new Promise((r) => setTimeout(r, 1000));
      const ping = await runCli(['exec', 'vm-oci', '--', 'ping', '-c', '6', '-W', '1', '-i', '0.2', '10.20.10.10'], env);
      assert.equal(ping.code, 0, ping.stdout + ping.stderr);
      const done = await capture;
      assert.equal(done.code, 0, done.stdout + done.stderr);
      assert.match(done.stdout, new RegExp(`Captured 3 s on vm-azure \\(eth0 in fr[a-z0-9]{4}-vm-azure\\) into ${file.replace(/[.]/g, '\\.')}`));
      const icmp = icmpRecords(readFileSync(file));
      // tcpdump may start a little after the CLI returns on a loaded machine, so the first echoes can fall before it.
      assert.ok(icmp.requests >= 2 && icmp.replies >= 2, JSON.stringify(icmp));

      const unknown = await runCli(['capture', 'tertiary', '-w', path.join(dir, 'x.pcap')], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /nothing named tertiary to capture on: primary, secondary, or a VM \(vm-/);
      const badSeconds = await runCli(['capture', 'primary', '--seconds', '0', '-w', path.join(dir, 'x.pcap')], env);
      assert.equal(badSeconds.code, 2);

      const status = await runCli(['dataplane', 'status'], env);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /Interconnect links/);
      assert.match(status.stdout, /primary .*1000 Mbit\/s .*real \(tbf\) .*1 ms each way .*up/);
      assert.match(status.stdout, /vnic +│ vm-oci:eth0 ⇄ vcn-oci:vm0 +│ [1-9]\d* +│ [1-9]\d* +│ 0 /, 'the other links with their counters');
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
