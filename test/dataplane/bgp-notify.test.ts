// Bad input on the wire (root; FRR, BIRD 2): a peer that misbehaves gets the NOTIFICATION the daemon
// sends, and FastRoute reports it from the daemon's own record, without crashing or losing state.
// - labs/onprem.yaml with the site's router `external`: a test fixture (bad-bgp-peer.ts) listens on the
//   site's primary address for the MSEE's connection and answers with a wrong AS, then, once more, opens
//   properly and sends an UPDATE whose attribute list overruns the message. The MSEE (FRR, then BIRD)
//   answers each with a NOTIFICATION (OPEN Message Error / Bad Peer AS; UPDATE Message Error / …);
//   `GET /dataplane` shows it on the MSEE's session with the site (`lastError`: code, subcode, RFC
//   names, sent), the interconnect's two sessions stay Established, the MSEE keeps OCI's prefix, and the
//   server keeps answering.
// - The tutorial with FRR at both edges: Oracle's edge's primary neighbor made to open with a wrong
//   local AS (vtysh `local-as`): the MSEE sends Bad Peer AS, Oracle's edge receives it; the OCI
//   session's reason (admin status) names it, the secondary stays UP; the AS put right, UP again.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, TUTORIAL, type TestServer } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus } from '../../src/api/admin/contract.ts';
import type { BgpLastError } from '../../src/dataplane/bgp-notification.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import type { LiveSpeaker } from '../../src/dataplane/bgp-status.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { dataplaneMissing, inNamespace } from './machine.ts';

const LAB = path.join(import.meta.dirname, '../../labs/onprem.yaml');
const FIXTURE = path.join(import.meta.dirname, 'bad-bgp-peer.ts');
const BOUND_MS = 30_000;
const OCI_PREFIX = '10.10.10.0/24';

function missing(): string | undefined {
  const misses = bgpMisses(['frr', 'bird']);
  return dataplaneMissing() ?? (misses.length === 0 ? undefined : `skipped: ${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
}

async function dataplane(server: TestServer): Promise<DataplaneStatus> {
  const r = await server.api('GET', '/dataplane');
  assert.equal(r.status, 200, r.text);
  return r.body as DataplaneStatus;
}

const speaker = (s: DataplaneStatus, side: string): LiveSpeaker => s.bgp?.speakers.find((x) => x.side === side) ?? assert.fail(`a ${side} speaker`);
const interconnectUp = (s: DataplaneStatus): boolean => ['oracle', 'microsoft'].every((side) => speaker(s, side).sessions.filter((x) => x.site === undefined).every((x) => x.established));

/** Polls `GET /dataplane` until `ok`, bounded. */
async function until(server: TestServer, what: string, ok: (s: DataplaneStatus) => boolean): Promise<DataplaneStatus> {
  const t0 = performance.now();
  let s: DataplaneStatus | undefined;
  while (performance.now() - t0 < BOUND_MS) {
    s = await dataplane(server);
    if (ok(s)) return s;
    await sleep(250);
  }
  assert.fail(`${what} within ${BOUND_MS / 1000} s: ${JSON.stringify(s?.bgp, null, 1)}`);
}

/** Runs the misbehaving peer in the site's namespace; resolves with what the daemon answered. */
async function badPeer(ns: string, mode: 'bad-as' | 'bad-update'): Promise<{ notification?: { code: number; subcode: number }; error?: string }> {
  const r = await inNamespace(ns, [process.execPath, '--import', 'tsx', FIXTURE, '192.168.100.1', '65010', mode, '20000'], 40_000);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { notification?: { code: number; subcode: number }; error?: string };
}

const siteSession = (s: DataplaneStatus) => speaker(s, 'microsoft').sessions.find((x) => x.site !== undefined && x.path === 'primary') ?? assert.fail('the MSEE\'s session with the site');
const sameError = (e: BgpLastError | undefined, code: number, subcode: number): boolean => e?.code === code && e.subcode === subcode && e.direction === 'sent';

describeWithTool('bad input on the wire: the daemon\'s NOTIFICATION, reported, nothing lost', missing(), () => {
  for (const msee of ['frr', 'bird'] as const) {
    void it(`${msee} on Microsoft's edge: a site peer with a wrong AS, then a malformed UPDATE`, { timeout: 120_000 }, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-notify-'));
      const file = path.join(dir, 'onprem.yaml');
      writeFileSync(file, readFileSync(LAB, 'utf8').replace('router: frr ', 'router: external '));
      const server = await startTestServer({ lab: file });
      try {
        const up = await server.api('POST', '/dataplane', { bgp: { msee, keepalive: 1, hold: 3 } });
        assert.equal(up.status, 201, up.text);
        const ready = await until(server, 'the interconnect\'s sessions Established', interconnectUp);
        const ns = ready.bgp?.external?.[0]?.ns ?? assert.fail('the external site\'s namespace');

        const wrongAs = await badPeer(ns, 'bad-as');
        assert.deepEqual(wrongAs, { notification: { code: 2, subcode: 2 } }, 'the MSEE answers a wrong AS with OPEN Message Error / Bad Peer AS');
        const afterAs = await until(server, 'status reports Bad Peer AS', (s) => sameError(siteSession(s).lastError, 2, 2));
        assert.equal(siteSession(afterAs).lastError?.text, 'OPEN Message Error / Bad Peer AS');

        const malformed = await badPeer(ns, 'bad-update');
        const n = malformed.notification ?? assert.fail(`a NOTIFICATION for the malformed UPDATE: ${JSON.stringify(malformed)}`);
        assert.equal(n.code, 3, `UPDATE Message Error: ${JSON.stringify(n)}`);
        const afterUpdate = await until(server, 'status reports the UPDATE error', (s) => sameError(siteSession(s).lastError, n.code, n.subcode));
        assert.match(siteSession(afterUpdate).lastError?.text ?? '', /^UPDATE Message Error \/ (Malformed Attribute List|Attribute Length Error)$/);

        // Nothing else moved: the interconnect is Established, the MSEE still holds and installs OCI's prefix, the server answers.
        assert.ok(interconnectUp(afterUpdate), 'the interconnect\'s sessions stay Established');
        const m = speaker(afterUpdate, 'microsoft');
        assert.deepEqual(m.learned.filter((r) => r.prefix === OCI_PREFIX).map((r) => r.asPath), [[31898], [31898]]);
        assert.ok(m.kernelRoutes.some((k) => k.prefix === OCI_PREFIX));
        assert.ok(m.daemons.every((d) => d.running), 'the MSEE\'s daemons still run');
        assert.equal((await server.api('GET', '/status')).status, 200);
      } finally {
        await server.api('DELETE', '/dataplane');
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  void it('FRR at both edges: Oracle\'s edge opens with a wrong AS on the primary; the views name the NOTIFICATION', { timeout: 120_000 }, async () => {
    const server = await startTestServer({ lab: TUTORIAL });
    try {
      assert.equal((await server.api('POST', '/dataplane', { bgp: { msee: 'frr', keepalive: 1, hold: 3 } })).status, 201);
      const ready = await until(server, 'both sessions Established', interconnectUp);
      const oracle = speaker(ready, 'oracle');
      const [vtysh = 'vtysh', ...socket] = oracle.control.split(' ');
      const primary = oracle.sessions.find((x) => x.path === 'primary')?.peerIp ?? assert.fail('the primary neighbor');
      const localAs = async (set: boolean) => {
        const r = await runTool(vtysh, [...socket, '-c', 'configure terminal', '-c', `router bgp ${oracle.asn}`, '-c', `${set ? '' : 'no '}neighbor ${primary} local-as 65001 no-prepend replace-as`, '-c', 'end', '-c', `clear bgp ${primary}`]);
        assert.equal(r.code, 0, r.stderr + r.stdout);
        assert.doesNotMatch(r.stdout, /Unknown command|% /, 'vtysh took the commands');
      };
      await localAs(true);
      const wrong = await until(server, 'both ends record Bad Peer AS on the primary', (s) => {
        const o = speaker(s, 'oracle').sessions.find((x) => x.path === 'primary');
        const m = speaker(s, 'microsoft').sessions.find((x) => x.path === 'primary');
        return o?.lastError?.code === 2 && o.lastError.subcode === 2 && o.lastError.direction === 'received' && sameError(m?.lastError, 2, 2);
      });
      assert.ok(speaker(wrong, 'oracle').sessions.find((x) => x.path === 'secondary')?.established, 'the secondary stays Established');
      // The views read the daemons every second: the admin status follows within a read or two. Wait for the
      // Bad Peer AS itself: a read taken just after `clear bgp` shows that clear's own Cease first.
      const sessionsNow = async () => ((await server.api('GET', '/status')).body as { interconnects: { virtualCircuit: { sessions: { path: string; state: string; reason?: string }[] } }[] }).interconnects[0]?.virtualCircuit.sessions ?? [];
      let sessions = await sessionsNow();
      for (let i = 0; i < 60 && !(sessions[0]?.reason ?? '').includes('Bad Peer AS'); i++) {
        await sleep(250);
        sessions = await sessionsNow();
      }
      assert.equal(sessions[0]?.state, 'DOWN');
      // The reason quotes whichever end the latest live read saw first: the same NOTIFICATION from either side.
      assert.match(sessions[0]?.reason ?? '', /last NOTIFICATION: (Microsoft sent|Oracle received) OPEN Message Error \/ Bad Peer AS/);
      assert.equal(sessions[1]?.state, 'UP');

      await localAs(false);
      await until(server, 'the primary Established again once the AS is right', interconnectUp);
    } finally {
      await server.api('DELETE', '/dataplane');
      await server.close();
    }
  });
});
