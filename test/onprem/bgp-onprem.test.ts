// Bring your own router on the wire (root; FRR, BIRD 2 and GoBGP installed): labs/onprem.yaml with BGP
// on, once per site router (FRR, BIRD, GoBGP), short test timers. Microsoft's edge learns the site's
// prefix with AS path = the site's ASN and installs it; the ER gateway routes it to the MSEE; a ping
// from the Azure VM to an address inside the site's prefix is answered; by the no-transit rule Oracle's
// edge never learns it and a ping from the OCI VM fails. `external` builds the namespace and its
// addresses with no daemon, and status says what the user needs to run their own.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, type TestServer } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { bgpConverged } from '../../src/dataplane/bgp-status.ts';
import { processesIn } from '../../src/dataplane/processes.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun } from '../dataplane/machine.ts';

const LAB = path.join(import.meta.dirname, '../../labs/onprem.yaml');
const CONVERGE_WITHIN_MS = 40_000;
const SITE_PREFIX = '172.16.0.0/16';

function missing(): string | undefined {
  const misses = bgpMisses(['frr', 'bird', 'gobgp']);
  return dataplaneMissing() ?? (misses.length === 0 ? undefined : `skipped: ${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
}

async function withSiteRouter(router: string, fn: (server: TestServer, status: DataplaneStatus) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-onprem-'));
  const file = path.join(dir, 'onprem.yaml');
  writeFileSync(file, readFileSync(LAB, 'utf8').replace('router: frr ', `router: ${router} `));
  const server = await startTestServer({ lab: file });
  let runId = '';
  try {
    const up = await server.api('POST', '/dataplane', { bgp: { keepalive: 1, hold: 3 } });
    assert.equal(up.status, 201, up.text);
    runId = (up.body as DataplaneUpReport).status.runId ?? '';
    await fn(server, (up.body as DataplaneUpReport).status);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(namespacesOfRun(runId), [], `${router}: the namespaces are gone`);
  }
}

async function converged(server: TestServer): Promise<DataplaneStatus> {
  const t0 = performance.now();
  let status: DataplaneStatus | undefined;
  while (performance.now() - t0 < CONVERGE_WITHIN_MS) {
    status = (await server.api('GET', '/dataplane')).body as DataplaneStatus;
    if (status.bgp !== undefined && bgpConverged(status.bgp)) return status;
    await sleep(250);
  }
  assert.fail(`no convergence within ${CONVERGE_WITHIN_MS / 1000} s: ${JSON.stringify(status?.bgp, null, 1)}`);
}

const nsOf = (s: DataplaneStatus, role: string, name?: string): string => s.namespaces.find((n) => n.role === role && (name === undefined || n.resourceName === name))?.name ?? assert.fail(`no ${role} ${name ?? ''}`);

describeWithTool('bring your own router: FRR, BIRD and GoBGP sites peer with the MSEE twin', missing(), () => {
  for (const router of ['frr', 'bird', 'gobgp'] as const) {
    void it(`${router} as the site's router: the VNet reaches the site, OCI does not`, { timeout: 90_000 }, async () => {
      await withSiteRouter(router, async (server) => {
        const status = await converged(server);
        const msee = status.bgp?.speakers.find((s) => s.side === 'microsoft') ?? assert.fail('an MSEE speaker');
        const site = status.bgp?.speakers.find((s) => s.side === 'onprem') ?? assert.fail('a site speaker');
        assert.equal(site.daemon, router);
        assert.equal(site.asn, 65010);
        assert.deepEqual(site.sessions.map((x) => [x.path, x.state]), [['primary', 'Established'], ['secondary', 'Established']], `${router}: both site sessions`);
        // The MSEE learned the site's prefix on both links with AS path 65010 and installed it.
        assert.deepEqual(msee.learned.filter((r) => r.prefix === SITE_PREFIX).map((r) => [r.asPath, r.via]).sort(), [[[65010], '192.168.100.1'], [[65010], '192.168.100.5']]);
        assert.ok(msee.kernelRoutes.some((k) => k.prefix === SITE_PREFIX), 'the MSEE\'s kernel route to the site is the daemon\'s');
        // No transit: Oracle's edge never learns the site's prefixes; the site never OCI's.
        const oracle = status.bgp?.speakers.find((s) => s.side === 'oracle') ?? assert.fail('an Oracle speaker');
        assert.deepEqual(oracle.learned.filter((r) => r.prefix === SITE_PREFIX || r.prefix === '10.50.0.0/16'), []);
        if (router !== 'gobgp') assert.deepEqual(site.learned.map((r) => r.prefix).filter((p, i, a) => a.indexOf(p) === i), ['10.20.0.0/16'], `${router}: the site learns the VNet only`);
        const gw = await runTool('ip', ['-n', nsOf(status, 'er-gateway'), 'route', 'show', SITE_PREFIX]);
        assert.match(gw.stdout, /dev ms0/, 'the ER gateway routes the site\'s prefix to the MSEE');
        const fromAzure = await inNamespace(nsOf(status, 'vm', 'vm-azure'), ['ping', '-n', '-c', '2', '-W', '2', '172.16.3.4']);
        assert.equal(fromAzure.code, 0, `Azure VM → site: ${fromAzure.stdout}`);
        const fromOci = await inNamespace(nsOf(status, 'vm', 'vm-oci'), ['ping', '-n', '-c', '1', '-W', '1', '172.16.3.4']);
        assert.notEqual(fromOci.code, 0, 'the OCI VM cannot reach the site (no transit)');
      });
    });
  }

  void it('external: the site\'s namespace and addresses, no daemon, and what to configure', { timeout: 60_000 }, async () => {
    await withSiteRouter('external', async (_server, up) => {
      const ns = nsOf(up, 'on-premises', 'dc1');
      assert.equal(up.bgp, undefined);
      const status = (await _server.api('GET', '/dataplane')).body as DataplaneStatus;
      assert.equal(status.bgp?.speakers.some((s) => s.side === 'onprem'), false, 'no site daemon');
      assert.deepEqual(processesIn([ns]), [], 'nothing runs in the site\'s namespace');
      const ext = status.bgp?.external?.[0] ?? assert.fail('status names the external site');
      assert.deepEqual([ext.ns, ext.asn, ext.peerAsn, ext.neighbors.map((n) => `${n.localIp}>${n.peerIp}`)], [ns, 65010, 12076, ['192.168.100.1>192.168.100.2', '192.168.100.5>192.168.100.6']]);
      const addr = await runTool('ip', ['-n', ns, '-4', '-o', 'addr', 'show']);
      assert.match(addr.stdout, /192\.168\.100\.1\/30/);
    });
  });
});
