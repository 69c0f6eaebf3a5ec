// The agreement check with BGP on the wire (root; FRR, BIRD 2): `fastroute check LAB --dataplane --bgp`
// compares every session's received routes (prefix, AS path) and every router's daemon-installed kernel
// routes (prefix, next hops) with the engine's, and fails naming each difference. Labs: the tutorial
// (FRR, and BIRD on Microsoft's edge), the on-premises lab (an FRR site router), two broken labs (a
// prepended secondary, a single session). Then a disagreement made by hand: a stray `network` statement
// on Oracle's FRR; the check names the prefix on both MSEE sessions and in the MSEE's kernel.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { bgpAgreementOn, checkLabDataplane } from '../../src/check/check-dataplane.ts';
import { checkLabOn, withPrivateEngine } from '../../src/check/check.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { dataplaneMissing } from './machine.ts';

const LABS = path.join(import.meta.dirname, '../../labs');
const TIMERS = { keepalive: 1, hold: 3 };

function missing(): string | undefined {
  const misses = bgpMisses(['frr', 'bird']);
  return dataplaneMissing() ?? (misses.length === 0 ? undefined : `skipped: ${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
}

const lab = (file: string) => parseLab(readFileSync(path.join(LABS, file), 'utf8'), file);

describeWithTool('the agreement check with BGP on the wire', missing(), () => {
  for (const [file, msee] of [['tutorial.yaml', 'frr'], ['tutorial.yaml', 'bird'], ['onprem.yaml', 'frr'], ['broken/single-bgp-session.yaml', 'frr'], ['broken/transit-advertised-back.yaml', 'bird']] as const) {
    void it(`${file}, ${msee} on Microsoft's edge: every session and every router's kernel agrees with the engine`, { timeout: 120_000 }, async () => {
      const report = await checkLabDataplane(lab(file), { bgp: { msee, ...TIMERS } });
      const b = report.dataplane?.bgp ?? assert.fail(`a BGP agreement: ${JSON.stringify(report.findings.map((f) => f.code))}`);
      const differing = [...b.sessions, ...b.kernels].filter((x) => !x.agrees);
      assert.deepEqual(differing, [], 'no difference');
      assert.equal(b.differences, 0);
      assert.ok(b.converged, `converged (${b.convergeMs} ms)`);
      assert.ok(b.sessions.length >= 2 && b.kernels.length >= 2, `sessions and kernels compared: ${JSON.stringify(b)}`);
      assert.equal(report.dataplane?.disagreed, 0, 'the flows agree too');
    });
  }

  void it('a stray network statement on Oracle\'s edge: the check names it, per session and in the kernel', { timeout: 120_000 }, async () => {
    await withPrivateEngine(async (engine) => {
      await checkLabOn(engine, lab('tutorial.yaml'));
      const dp = new Dataplane(engine, undefined);
      try {
        const up = await dp.up({ bgp: TIMERS });
        const runId = up.status.runId ?? '';
        const before = await bgpAgreementOn(engine, dp, runId);
        assert.equal(before.differences, 0, JSON.stringify(before));
        const oracle = (await dp.bgpStatus()).speakers.find((s) => s.side === 'oracle') ?? assert.fail('Oracle\'s speaker');
        const [vtysh = 'vtysh', ...socket] = oracle.control.split(' ');
        const stray = await runTool(vtysh, [...socket, '-c', 'configure terminal', '-c', `router bgp ${oracle.asn}`, '-c', 'address-family ipv4 unicast', '-c', 'network 10.66.0.0/16', '-c', 'end']);
        assert.equal(stray.code, 0, stray.stderr);
        // The outbound route maps let only the engine's prefixes out: widen them as a careless hand would.
        const open = await runTool(vtysh, [...socket, '-c', 'configure terminal', '-c', 'ip prefix-list FR-ANNOUNCE seq 100 permit 10.66.0.0/16', '-c', 'end', '-c', 'clear bgp ipv4 unicast * soft out']);
        assert.equal(open.code, 0, open.stderr);
        let after = await bgpAgreementOn(engine, dp, runId);
        for (let i = 0; i < 20 && after.differences < 3; i++) {
          await sleep(500);
          after = await bgpAgreementOn(engine, dp, runId);
        }
        const named = [...after.sessions, ...after.kernels].filter((x) => !x.agrees).map((x) => `${x.where}: ${x.differences.join('; ')}`);
        assert.equal(named.filter((x) => /^msee-\S+ (primary|secondary) from .*10\.66\.0\.0\/16: the daemon has it \(AS path 31898\), the engine does not/.test(x)).length, 2, named.join('\n'));
        assert.ok(named.some((x) => /^kernel of msee-\S+: 10\.66\.0\.0\/16: the kernel \(zebra\) has it/.test(x)), named.join('\n'));
      } finally {
        await dp.close();
      }
    });
  });
});
