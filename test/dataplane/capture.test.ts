// Where `fastroute capture` listens, without root: primary/secondary at Oracle's edge, a VM's eth0,
// a clear error for anything else, and tcpdump bounded by timeout inside the namespace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureCommand, captureTarget } from '../../src/dataplane/capture.ts';
import type { DataplaneStatus } from '../../src/dataplane/service.ts';
import type { InterconnectLinkStatus } from '../../src/dataplane/link-status.ts';

const end = (ns: string, dev: string) => ({ ns, dev, present: true, qdisc: 'tbf', layout: 'tbf 8001:', rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0, rxDropped: 0, txDropped: 0, drops: 0, overlimits: 0 });
const link = (vc: string, path: 'primary' | 'secondary', oedge: string): InterconnectLinkStatus => ({
  kind: path === 'primary' ? 'interconnect-primary' : 'interconnect-secondary', resourceId: `${vc}/${path}`, path, ends: [end(oedge, path === 'primary' ? 'pri' : 'sec'), end('frab12-msee', path === 'primary' ? 'pri' : 'sec')], rate: 'real (tbf)', delay: 'none', down: false,
});
const ns = (name: string, role: 'vm' | 'oracle-edge', resourceName: string) => ({ name, role, cloud: 'oci', resourceId: `ocid1.${resourceName}`, resourceName, present: true });

const status = (links: InterconnectLinkStatus[]): DataplaneStatus => ({
  state: 'up', runId: 'ab12', namespaces: [ns('frab12-vm-oci', 'vm', 'vm-oci'), ns('frab12-oedge-a', 'oracle-edge', 'vc-a'), ns('frab12-oedge-b', 'oracle-edge', 'vc-b')],
  links: 4, processes: 0, notMaterialised: [], delays: [], notYet: [], interconnectLinks: links,
});

void test('a capture target is a link at Oracle\'s edge or a VM\'s eth0', () => {
  const one = status([link('ocid1.vc.a', 'primary', 'frab12-oedge-a'), link('ocid1.vc.a', 'secondary', 'frab12-oedge-a')]);
  assert.deepEqual({ ...captureTarget(one, 'secondary'), what: '' }, { ns: 'frab12-oedge-a', dev: 'sec', what: '' });
  assert.deepEqual({ ...captureTarget(one, 'vm-oci'), what: '' }, { ns: 'frab12-vm-oci', dev: 'eth0', what: '' });
  assert.throws(() => captureTarget(one, 'vm-nope'), /nothing named vm-nope to capture on: primary, secondary, or a VM \(vm-oci\)/);
  assert.throws(() => captureTarget({ ...one, state: 'down' }, 'primary'), /not up/);
  assert.deepEqual(captureCommand('ip', captureTarget(one, 'primary'), 5, '/tmp/x.pcap', ['icmp']), ['ip', 'netns', 'exec', 'frab12-oedge-a', 'timeout', '5', 'tcpdump', '-i', 'pri', '-nn', '-U', '-Z', 'root', '-w', '/tmp/x.pcap', 'icmp']);
});

void test('with two interconnects, --interconnect picks one and its absence is an error naming both', () => {
  const two = status([link('ocid1.vc.a', 'primary', 'frab12-oedge-a'), link('ocid1.vc.b', 'primary', 'frab12-oedge-b')]);
  assert.throws(() => captureTarget(two, 'primary'), /2 interconnects have a primary link: name one with --interconnect \(vc-a, vc-b\)/);
  assert.equal(captureTarget(two, 'primary', 'vc-b').ns, 'frab12-oedge-b');
  assert.equal(captureTarget(two, 'primary', 'ocid1.vc.a').ns, 'frab12-oedge-a');
  assert.throws(() => captureTarget(two, 'primary', 'vc-c'), /no primary interconnect link on vc-c/);
});
