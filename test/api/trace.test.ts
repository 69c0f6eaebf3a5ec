// POST /trace and GET /doctor on the tutorial: the ping crosses the interconnect hop by hop and comes
// back; bad bodies are 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DoctorReport, ErrorBody, TraceResult } from '../../src/api/admin/contract.ts';
import type { TestServer } from './server.ts';
import { startTutorialServer } from './tutorial-server.ts';

void describe('admin API: POST /trace and GET /doctor', () => {
  let s: TestServer;
  before(async () => {
    s = await startTutorialServer();
  });
  after(async () => {
    await s.close();
  });

  void it('vm-oci → vm-azure icmp is delivered through the interconnect, and the reply comes back', async () => {
    const r = await s.api('POST', '/trace', { from: 'vm-oci', to: 'vm-azure', protocol: 'icmp' });
    assert.equal(r.status, 200, r.text);
    const t = r.body as TraceResult;
    assert.equal(t.verdict, 'delivered');
    assert.equal(t.reason, 'DELIVERED');
    assert.deepEqual(t.flow, { protocol: 'icmp', src: '10.10.10.10', dst: '10.20.10.10' });
    const kinds = t.hops.map((h) => h.kind);
    for (const kind of ['vnic-egress', 'vcn-route-table', 'drg-route-table', 'virtual-circuit', 'oracle-edge', 'link', 'microsoft-edge', 'er-gateway', 'nic-nsg-inbound', 'destination'] as const) {
      assert.ok(kinds.includes(kind), `hop ${kind} in ${kinds.join(', ')}`);
    }
    assert.ok(kinds.indexOf('virtual-circuit') < kinds.indexOf('microsoft-edge'), 'OCI side first, then Microsoft');
    assert.deepEqual(t.hops.filter((h) => h.cloud === 'interconnect').map((h) => h.kind), ['virtual-circuit', 'oracle-edge', 'link', 'microsoft-edge']);
    const nsg = t.hops.find((h) => h.kind === 'nic-nsg-inbound');
    assert.equal(nsg?.rule, 'nsg-workload/allow-oci-icmp');
    assert.equal(t.hops.at(-1)?.decision, 'deliver');
    assert.equal(t.returnPath?.verdict, 'delivered');
    assert.equal(t.returnPath.hops.at(-1)?.name, 'vm-oci');
  });

  void it('tcp 22 both ways is delivered; a port the security list does not open is dropped with the rule set named', async () => {
    for (const [from, to] of [['vm-oci', 'vm-azure'], ['vm-azure', 'vm-oci']]) {
      const t = (await s.api('POST', '/trace', { from, to, protocol: 'tcp', port: 22 })).body as TraceResult;
      assert.equal(t.verdict, 'delivered', `${from} → ${to}`);
    }
    const t = (await s.api('POST', '/trace', { from: 'vm-azure', to: 'vm-oci', protocol: 'tcp', port: 80 })).body as TraceResult;
    assert.equal(t.verdict, 'dropped');
    assert.equal(t.reason, 'SECURITY_LIST_DENY');
    assert.equal(t.hops.at(-1)?.kind, 'vnic-ingress');
  });

  void it('bad bodies are 400 with the field named', async () => {
    const cases: [unknown, RegExp][] = [
      [{ from: 'vm-oci', protocol: 'icmp' }, /to/],
      [{ from: 'vm-oci', to: 'vm-azure', protocol: 'gre' }, /protocol/],
      [{ from: 'vm-oci', to: 'vm-azure', protocol: 'tcp' }, /port: a tcp flow needs a destination port/],
      [{ from: 'vm-oci', to: 'vm-azure', protocol: 'icmp', port: 22 }, /port: an icmp flow has no ports/],
      [{ from: 'vm-oci', to: 'vm-azure', protocol: 'udp', port: 70000 }, /port/],
      [{ from: 'vm-oci', to: 'vm-azure', protocol: 'icmp', colour: 'red' }, /colour/],
    ];
    for (const [body, message] of cases) {
      const r = await s.api('POST', '/trace', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      const err = r.body as ErrorBody;
      assert.equal(err.code, 'InvalidParameter');
      assert.match(err.message, message);
    }
    assert.equal((await s.api('POST', '/trace', '{not json')).status, 400);
  });

  void it('an unknown endpoint is a dropped trace that says so', async () => {
    const t = (await s.api('POST', '/trace', { from: 'vm-oci', to: 'vm-nowhere', protocol: 'icmp' })).body as TraceResult;
    assert.equal(t.verdict, 'dropped');
    assert.equal(t.reason, 'UNKNOWN_ENDPOINT');
  });

  void it('GET /doctor returns the findings of the live world', async () => {
    const r = await s.api('GET', '/doctor');
    assert.equal(r.status, 200, r.text);
    const report = r.body as DoctorReport;
    assert.ok(Array.isArray(report.findings));
    for (const f of report.findings) {
      assert.equal(typeof f.code, 'string');
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(Array.isArray(f.resources));
    }
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error'), [], 'the tutorial has no error finding');
  });
});
