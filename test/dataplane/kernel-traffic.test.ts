// The metrics' traffic from the kernel (root): with the tutorial's data plane up, the circuit's
// BitsInPerSecond is what the veths counted, not the lab's declared flows; a bounded iperf3 from the
// OCI VM to the Azure VM (2 s at 50 Mbit/s, inside the test's namespaces) makes it rise, in the
// admin history the console charts and in the Prometheus scrape.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, TUTORIAL, type TestServer } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneUpReport, MetricsHistoryResponse } from '../../src/api/admin/contract.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { dataplaneMissing, inNamespace } from './machine.ts';

const missing = dataplaneMissing() ?? (findTool('iperf3') === undefined ? 'skipped: iperf3 not found (apt-get install iperf3)' : findTool('tc') === undefined ? 'skipped: tc not found (apt-get install iproute2)' : undefined);

/** The circuit's BitsInPerSecond now (the last minute), summed over its two links, and the source that fed it. */
async function circuitBitsIn(server: TestServer): Promise<{ bits: number; source: string }> {
  const r = await server.api('GET', '/metrics/history?minutes=1&names=BitsInPerSecond');
  assert.equal(r.status, 200, r.text);
  const body = r.body as MetricsHistoryResponse;
  const circuit = body.series.filter((s) => s.namespace === 'Microsoft.Network/expressRouteCircuits');
  assert.equal(circuit.length, 2, 'one series per DeviceRole');
  return { bits: circuit.reduce((sum, s) => sum + (s.values.at(-1) ?? 0), 0), source: body.trafficSource.source };
}

/** The sum of one Prometheus family's samples. */
function promSum(text: string, family: string): number {
  return text.split('\n').filter((l) => l.startsWith(`${family}{`)).reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describeWithTool('traffic metrics from the kernel\'s counters', missing, () => {
  void it('the declared flows give way to the veths\' counters, and iperf3 traffic shows in BitsInPerSecond', async () => {
    const server = await startTestServer({ lab: TUTORIAL });
    try {
      const declared = await circuitBitsIn(server);
      assert.equal(declared.source, 'declared', 'no data plane: the declared flows');
      const up = await server.api('POST', '/dataplane', {});
      assert.equal(up.status, 201, up.text);
      const { status } = up.body as DataplaneUpReport;
      const vm = (name: string): string => status.namespaces.find((n) => n.role === 'vm' && n.resourceName === name)?.name ?? assert.fail(name);
      const [oci, azure] = [vm('vm-oci'), vm('vm-azure')];

      const idle = await circuitBitsIn(server);
      assert.equal(idle.source, 'kernel');
      assert.ok(idle.bits < 1e6, `an idle data plane carries next to nothing (${idle.bits} bit/s), whatever the lab declares`);

      // A minute's point is the minute's average so far: start early in a minute so the burst and the reads share it (bounded wait).
      const second = new Date().getUTCSeconds();
      if (second > 40) await sleep((61 - second) * 1000);
      // vm-oci to vm-azure's SSH port: the lab's security rules admit TCP 22 from the VCN (iperf3 -p 22).
      const server3 = spawn('ip', ['netns', 'exec', azure, 'timeout', '20', 'iperf3', '-s', '-1', '-B', '10.20.10.10', '-p', '22'], { stdio: 'ignore' });
      try {
        let ran = false;
        for (let attempt = 0; attempt < 20 && !ran; attempt++) {
          const r = await inNamespace(oci, ['timeout', '10', 'iperf3', '-c', '10.20.10.10', '-p', '22', '-t', '2', '-b', '50M'], 15_000);
          ran = r.code === 0;
          if (!ran) await sleep(200);
        }
        assert.ok(ran, 'iperf3 ran from vm-oci to vm-azure');
      } finally {
        if (server3.exitCode === null && server3.pid !== undefined) process.kill(server3.pid, 'SIGKILL');
      }

      // 100 Mbit sent in this minute: at least 100e6 / 65 s on average, well above the idle figure.
      const busy = await circuitBitsIn(server);
      assert.equal(busy.source, 'kernel');
      assert.ok(busy.bits > 1.5e6, `BitsInPerSecond rose with iperf3: ${busy.bits} bit/s`);
      const scrape = await (await fetch(`${server.adminUrl}/metrics`)).text();
      assert.ok(promSum(scrape, 'fastroute_azure_er_circuit_in_bits_per_second') > 1.5e6, 'the Prometheus scrape says the same');
      assert.ok(promSum(scrape, 'fastroute_oci_fastconnect_sent_bytes') > 1e6, 'OCI\'s BytesSent: the minute\'s volume');

      const down = await server.api('DELETE', '/dataplane');
      assert.equal(down.status, 200, down.text);
      assert.equal((await circuitBitsIn(server)).source, 'declared', 'down: the declared flows again');
    } finally {
      await server.api('DELETE', '/dataplane').catch(() => undefined);
      await server.close();
    }
  });
});
