// The on-premises site's BGP configuration (pure; the parsers where installed): labs/onprem.yaml with
// BGP on gives the MSEE two extra neighbors (the site's, AS 65010) whose export is the VNet prefix only,
// while Oracle's neighbors still get the gateways' prefixes only, never the site's (no transit, as the
// engine computes it); the site's router (FRR, BIRD, GoBGP) announces its prefixes with its ASN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { bgpEdges, DEFAULT_BGP_OPTIONS, type BgpEdge } from '../../src/dataplane/bgp-model.ts';
import { frrConfig } from '../../src/dataplane/bgp-frr.ts';
import { birdConfig } from '../../src/dataplane/bgp-bird.ts';
import { gobgpConfig, gobgpAnnounce } from '../../src/dataplane/bgp-gobgp.ts';
import { findTool } from '../../src/dataplane/probe.ts';

const LAB = path.join(import.meta.dirname, '../../labs/onprem.yaml');

async function edgeOf(router: string): Promise<BgpEdge> {
  const { engine } = await labEngine(LAB, router === 'frr' ? undefined : (t) => t.replace('router: frr ', `router: ${router} `));
  try {
    return await engine.read(() => {
      const plan = compileDataplane(engine.routing, { runId: 'ab12', bgp: true });
      const [edge] = bgpEdges(engine.routing, plan, DEFAULT_BGP_OPTIONS);
      return edge ?? assert.fail('an interconnect edge');
    });
  } finally {
    await engine.close();
  }
}

void test('the MSEE peers with the site and passes it the VNet only; Oracle\'s edge gets no site prefix', async () => {
  const edge = await edgeOf('frr');
  const siteNeighbors = edge.microsoft.neighbors.filter((n) => n.site !== undefined);
  assert.deepEqual(siteNeighbors.map((n) => [n.path, n.localIp, n.peerIp, n.peerAsn, n.announce]), [
    ['primary', '192.168.100.2', '192.168.100.1', 65010, ['10.20.0.0/16']],
    ['secondary', '192.168.100.6', '192.168.100.5', 65010, ['10.20.0.0/16']],
  ]);
  assert.deepEqual(edge.microsoft.announce, ['10.20.0.0/16'], 'Oracle\'s sessions: the gateways\' prefixes');
  const frr = frrConfig(edge.microsoft, '/d').bgpd;
  assert.match(frr, /neighbor 192\.168\.100\.1 remote-as 65010/);
  assert.match(frr, /ip prefix-list FR-ANNOUNCE-ONPREM-DC1-PRIMARY seq 5 permit 10\.20\.0\.0\/16/);
  assert.doesNotMatch(frr, /permit (172\.16|10\.50|10\.10)\./, 'no list lets a site\'s or OCI\'s prefix out');
  assert.match(frr, /neighbor 10\.99\.0\.1 route-map FR-OUT-PRIMARY out/);
  const bird = birdConfig({ ...edge.microsoft, daemon: 'bird' }, '/d');
  assert.match(bird, /protocol bgp fr_onprem_dc1_primary \{[^}]*neighbor 192\.168\.100\.1 as 65010;/);
  assert.match(bird, /if proto = "fr_announce" && net ~ \[ 10\.20\.0\.0\/16 \] then/);
  const site = edge.sites[0] ?? assert.fail('the site\'s router');
  assert.deepEqual([site.side, site.daemon, site.asn, site.peerAsn, site.announce], ['onprem', 'frr', 65010, 12076, ['10.50.0.0/16', '172.16.0.0/16']]);
  assert.match(frrConfig(site, '/d').bgpd, /router bgp 65010[\s\S]*neighbor 192\.168\.100\.2 remote-as 12076[\s\S]*network 172\.16\.0\.0\/16/);
});

void test('a GoBGP site: gobgpd.toml pins its addresses and peers with AS 12076; its prefixes go in through its API', async () => {
  const edge = await edgeOf('gobgp');
  const site = edge.sites[0] ?? assert.fail('the site\'s router');
  const toml = gobgpConfig(site);
  for (const re of [/as = 65010/, /local-address-list = \["192\.168\.100\.1", "192\.168\.100\.5"\]/, /neighbor-address = "192\.168\.100\.2"\n\s+peer-as = 12076/, /local-address = "192\.168\.100\.5"/]) assert.match(toml, re);
  assert.deepEqual(gobgpAnnounce(site).map((a) => a.slice(-1)[0]), ['10.50.0.0/16', '172.16.0.0/16']);
  const gobgpd = findTool('gobgpd');
  if (gobgpd !== undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-gobgp-'));
    try {
      writeFileSync(path.join(dir, 'g.toml'), toml);
      execFileSync(gobgpd, ['-d', '-f', path.join(dir, 'g.toml')], { stdio: 'pipe', timeout: 10_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ext = (await edgeOf('external'));
  assert.deepEqual([ext.sites.length, ext.external.map((x) => [x.site, x.asn, x.neighbors.length])], [0, [['dc1', 65010, 2]]], 'external: no daemon, what to configure');
  assert.equal(ext.microsoft.neighbors.filter((n) => n.site !== undefined).length, 2, 'the MSEE still expects the user\'s router');
});

void test('BIRD parses the MSEE and a BIRD site\'s configuration (bird -p, where installed)', { skip: findTool('bird') === undefined ? 'skipped: bird not installed (apt-get install bird2)' : false }, async () => {
  const edge = await edgeOf('bird');
  const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-bird-'));
  try {
    for (const s of [{ ...edge.microsoft, daemon: 'bird' as const }, edge.sites[0] ?? assert.fail('site')]) {
      writeFileSync(path.join(dir, 'bird.conf'), birdConfig(s, dir));
      execFileSync(findTool('bird') ?? 'bird', ['-p', '-c', path.join(dir, 'bird.conf')], { stdio: 'pipe' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
