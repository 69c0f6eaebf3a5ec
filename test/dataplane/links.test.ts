// The interconnect links as real, shaped links (root): tbf at the circuit's rate on both ends of both
// links; a link-down drill on the primary drops its frames silently (carrier up) while ping between
// the VMs carries on over the secondary, whose kernel counters rise; stopping the drill restores the
// primary; and a capture on the secondary during a ping holds the ICMP packets.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, TUTORIAL } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { captureCommand, captureTarget } from '../../src/dataplane/capture.ts';
import type { InterconnectLinkStatus } from '../../src/dataplane/link-status.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun } from './machine.ts';
import { icmpRecords } from './pcap.ts';

const missing = dataplaneMissing() ?? (findTool('tc') === undefined ? 'skipped: tc not found (apt-get install iproute2)' : findTool('tcpdump') === undefined ? 'skipped: tcpdump not found (apt-get install tcpdump)' : undefined);

const link = (s: DataplaneStatus, p: 'primary' | 'secondary'): InterconnectLinkStatus => {
  const l = s.interconnectLinks?.find((x) => x.path === p);
  assert.ok(l, `status lists the ${p} link`);
  return l;
};
const vmNs = (s: DataplaneStatus, name: string): string => s.namespaces.find((n) => n.role === 'vm' && n.resourceName === name)?.name ?? assert.fail(`no namespace for ${name}`);
const txPackets = (l: InterconnectLinkStatus): number => l.ends.reduce((n, e) => n + e.txPackets, 0);

describeWithTool('the interconnect links as real links', missing, () => {
  void it('are shaped to the circuit, survive a link-down drill on the primary over the secondary, and can be captured (CLI command line and admin API)', async () => {
    const server = await startTestServer({ lab: TUTORIAL });
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-capture-'));
    let runId = '';
    try {
      const up = await server.api('POST', '/dataplane', {});
      assert.equal(up.status, 201, up.text);
      runId = (up.body as DataplaneUpReport).status.runId ?? '';
      const status = async (): Promise<DataplaneStatus> => (await server.api('GET', '/dataplane')).body as DataplaneStatus;
      const s0 = await status();
      const oci = vmNs(s0, 'vm-oci');

      // tbf at 1 Gbit/s (the tutorial's 1 Gbps virtual circuit and 1000 Mbps circuit), both ends of both links.
      for (const p of ['primary', 'secondary'] as const) {
        const l = link(s0, p);
        assert.equal(l.configuredMbit, 1000);
        assert.equal(l.rate, 'real (tbf)');
        // The tutorial's region pair (2 ms RTT), by netem or the fr-linkemu helper `npm run build` compiles.
        assert.match(l.delay, /^1 ms each way \((netem|userspace-link)\)$/);
        assert.equal(l.ends.length, 2);
        for (const e of l.ends) {
          const tc = await runTool('tc', ['-n', e.ns, '-j', 'qdisc', 'show', 'dev', e.dev]);
          const root = (JSON.parse(tc.stdout) as { kind: string; root?: boolean; options: { rate: number; burst: number } }[]).find((q) => q.root === true);
          assert.equal(root?.kind, 'tbf', `${p} at ${e.ns}`);
          assert.equal(root.options.rate * 8, 1e9, 'tc reports 125,000,000 bytes/s');
        }
      }

      // Link-down on the primary: frames on it vanish while both ends stay UP.
      const drill = await server.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
      assert.equal(drill.status, 201, drill.text);
      const followed = (drill.body as { dataplane?: { linksDown: string[]; rerouted: string[] } }).dataplane;
      assert.ok(followed?.linksDown.some((id) => id.endsWith('/primary')), drill.text);
      assert.deepEqual(followed?.rerouted.filter((n) => /-(oedge|msee)-/.test(n)).length, 2, 'both edges\' routes follow the engine onto the secondary');
      const s1 = await status();
      const pri = link(s1, 'primary');
      assert.equal(pri.down, true);
      const [oracleEnd, mseeEnd] = pri.ends;
      assert.ok(oracleEnd && mseeEnd);
      const mseeAddr = await runTool('ip', ['-n', mseeEnd.ns, '-j', '-4', 'addr', 'show', 'dev', mseeEnd.dev]);
      const peer = (JSON.parse(mseeAddr.stdout) as { addr_info: { local: string }[] }[])[0]?.addr_info[0]?.local ?? assert.fail('the primary has an address at Microsoft\'s edge');
      const across = await inNamespace(oracleEnd.ns, ['ping', '-c', '2', '-W', '1', '-i', '0.2', '-I', oracleEnd.dev, peer]);
      assert.notEqual(across.code, 0, 'nothing crosses the cut primary link');
      assert.doesNotMatch((await runTool('ip', ['-n', oracleEnd.ns, 'route', 'show', '10.20.0.0/16'])).stdout, /dev pri/, 'the Oracle edge routes over the secondary only');
      const state = await runTool('ip', ['-n', oracleEnd.ns, '-j', 'link', 'show', 'dev', oracleEnd.dev]);
      // A veth reports operstate UP, a TAP of the delay helper UNKNOWN: the flags say whether the carrier is up.
      const flags = (JSON.parse(state.stdout) as { flags: string[] }[])[0]?.flags ?? [];
      assert.ok(flags.includes('UP') && flags.includes('LOWER_UP'), `the carrier stays up: ${flags.join(',')}`);

      const secBefore = txPackets(link(s1, 'secondary'));
      const ping = await inNamespace(oci, ['ping', '-c', '10', '-W', '1', '-i', '0.05', '10.20.10.10']);
      assert.match(ping.stdout, / 10 received/, `ping carries on over the secondary: ${ping.stdout}`);
      const s2 = await status();
      assert.ok(txPackets(link(s2, 'secondary')) >= secBefore + 20, 'the secondary carried the 10 echoes and their replies');

      // Capture on the secondary during a bounded ping: the pcap holds ICMP echoes.
      const file = path.join(dir, 'secondary.pcap');
      const target = captureTarget(s2, 'secondary');
      const [cmd, ...args] = captureCommand('ip', target, 3, file, ['icmp']);
      const capture = runTool(cmd ?? 'ip', args, undefined, 10_000);
      await new Promise((r) => setTimeout(r, 800));
      await inNamespace(oci, ['ping', '-c', '5', '-W', '1', '-i', '0.1', '10.20.10.10']);
      const done = await capture;
      assert.equal(done.code, 124, `tcpdump ran until timeout stopped it: ${done.stderr}`);
      const icmp = icmpRecords(readFileSync(file));
      assert.ok(icmp.requests >= 5 && icmp.replies >= 5, `the pcap holds the echoes: ${JSON.stringify(icmp)}`);

      // The same through the admin API: the pcap bytes of a bounded capture.
      // tcpdump may start after the first echoes on a loaded machine: six echoes, at least two of each in the pcap.
      const viaApi = fetch(`${server.adminUrl}/fastroute/v1/dataplane/capture?target=vm-azure&seconds=4`);
      await new Promise((r) => setTimeout(r, 800));
      await inNamespace(oci, ['ping', '-c', '6', '-W', '1', '-i', '0.3', '10.20.10.10']);
      const res = await viaApi;
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/vnd.tcpdump.pcap');
      const apiIcmp = icmpRecords(Buffer.from(await res.arrayBuffer()));
      assert.ok(apiIcmp.requests >= 2 && apiIcmp.replies >= 2, JSON.stringify(apiIcmp));
      const nowhere = await server.api('GET', '/dataplane/capture?target=tertiary');
      assert.equal(nowhere.status, 404, nowhere.text);
      assert.match(nowhere.text, /nothing named tertiary to capture on/);
      assert.equal((await server.api('GET', '/dataplane/capture?target=primary&seconds=0')).status, 400);

      // Stop: the primary carries frames again.
      const stop = await server.api('DELETE', '/drills');
      assert.equal(stop.status, 200, stop.text);
      assert.equal(link(await status(), 'primary').down, false);
      const restored = await inNamespace(oracleEnd.ns, ['ping', '-c', '2', '-W', '1', '-i', '0.2', '-I', oracleEnd.dev, peer]);
      assert.equal(restored.code, 0, restored.stdout);
      const routes = await runTool('ip', ['-n', oracleEnd.ns, 'route']);
      assert.match(routes.stdout, /dev pri/, 'the Oracle edge routes over the primary again');
      const tc = await runTool('tc', ['-n', oracleEnd.ns, 'qdisc', 'show', 'dev', 'pri']);
      assert.match(tc.stdout, /tbf .*rate 1Gbit/, 'the primary is shaped again');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(namespacesOfRun(runId), [], 'closing the server removed every namespace');
  });
});
