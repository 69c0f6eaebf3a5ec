// Every broken lab in labs/broken/: brought up on an in-memory engine, the doctor (given the lab) finds
// exactly the expected error/warning codes and only the listed infos, each naming its resources and a
// fix; without the lab it finds the same errors and warnings (asymmetry by representative probes);
// and every expectation of the lab holds in the trace (verdict and reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { FINDINGS } from '../../src/doctor/catalogue.ts';
import { trace } from '../../src/trace/trace.ts';
import type { DoctorReport } from '../../src/doctor/types.ts';
import { BROKEN, byCode, infos, intent, loud, upFile } from './helpers.ts';

interface Case {
  file: string;
  /** Error and warning codes, one entry per finding. */
  codes: string[];
  /** The only infos allowed (incidental, documented in labs/broken/README.md). */
  infos?: string[];
  /** Loud codes when the doctor is given the lab with every expectation "delivered" (the intent). */
  intent?: string[];
  /** Text the main finding's message or fix must contain (the resources and the concrete change). */
  mentions?: Record<string, string[]>;
}

const HUB_INFOS = ['DRG_VCN_NOT_EXPORTED', 'DRG_VCN_NOT_EXPORTED'];

const CASES: Case[] = [
  // The seed's seven troubleshooting cases.
  { file: 'missing-route-rule.yaml', codes: ['MISSING_ROUTE_RULE'], mentions: { MISSING_ROUTE_RULE: ['rt-oci', 'subnet-oci', '10.20.0.0/16', 'drg-oci'] } },
  {
    file: 'security-list-missing-azure.yaml', codes: ['SECURITY_LIST_NO_OTHER_CLOUD'], infos: ['SECURITY_DENIES_FLOW', 'SECURITY_DENIES_FLOW'],
    intent: ['SECURITY_BLOCKS_EXPECTATION', 'SECURITY_BLOCKS_EXPECTATION', 'SECURITY_LIST_NO_OTHER_CLOUD'],
    mentions: { SECURITY_LIST_NO_OTHER_CLOUD: ['subnet-oci', 'sl-oci', '10.20.0.0/16'], SECURITY_DENIES_FLOW: ['SECURITY_LIST_DENY', 'vm-oci', 'source 10.20.0.0/16'] },
  },
  {
    file: 'nsg-blocks-ssh.yaml', codes: [], infos: ['SECURITY_DENIES_FLOW'], intent: ['SECURITY_BLOCKS_EXPECTATION'],
    mentions: { SECURITY_DENIES_FLOW: ['nsg-workload/deny-oci-ssh', 'NSG_DENY', 'Allow', 'port 22', '10.10.0.0/16'] },
  },
  {
    file: 'host-firewall-blocks-icmp.yaml', codes: ['HOST_FIREWALL_BLOCKS_ICMP'], infos: ['SECURITY_DENIES_FLOW'], intent: ['HOST_FIREWALL_BLOCKS_ICMP', 'SECURITY_BLOCKS_EXPECTATION'],
    mentions: { HOST_FIREWALL_BLOCKS_ICMP: ['vm-oci', 'firewall-cmd'], SECURITY_DENIES_FLOW: ['HOST_FIREWALL_DENY', 'guest firewall of vm-oci'] },
  },
  { file: 'gateway-not-connected.yaml', codes: ['GATEWAY_NOT_CONNECTED'], mentions: { GATEWAY_NOT_CONNECTED: ['er-oci-azure', 'ergw', 'connection'] } },
  { file: 'overlapping-cidrs.yaml', codes: ['CIDR_OVERLAP'], mentions: { CIDR_OVERLAP: ['vcn-oci', 'vnet-azure', '10.10.0.0/16'] } },
  { file: 'asymmetric-firewall.yaml', codes: ['ASYMMETRIC_ROUTING'], infos: [...HUB_INFOS, 'SECURITY_DENIES_FLOW', 'SECURITY_DENIES_FLOW'], mentions: { ASYMMETRIC_ROUTING: ['fw-oci', '10.10.1.10', 'static rule'] } },
  // One per remaining family.
  { file: 'bgp-roles-swapped.yaml', codes: ['BGP_ADDRESSING_INVALID', 'BGP_ADDRESSING_INVALID'], mentions: { BGP_ADDRESSING_INVALID: ['10.99.0.1/30', '10.99.0.2/30', 'vc-azure'] } },
  { file: 'single-bgp-session.yaml', codes: ['BGP_ADDRESSING_INVALID', 'SINGLE_BGP_SESSION'], mentions: { SINGLE_BGP_SESSION: ['secondary', '/30'], BGP_ADDRESSING_INVALID: ['10.99.0.8/30'] } },
  { file: 'bgp-block-overlap.yaml', codes: ['BGP_BLOCK_OVERLAP'], mentions: { BGP_BLOCK_OVERLAP: ['10.10.255.0/30', 'vcn-oci'] } },
  { file: 'unsupported-region-pair.yaml', codes: ['UNSUPPORTED_REGION_PAIR'], mentions: { UNSUPPORTED_REGION_PAIR: ['eu-frankfurt-1', 'Washington DC', 'Frankfurt'] } },
  { file: 'bandwidth-mismatch.yaml', codes: ['BANDWIDTH_MISMATCH'], mentions: { BANDWIDTH_MISMATCH: ['2 Gbps', '1000 Mbps', '"1 Gbps"'] } },
  { file: 'gateway-sku-too-small.yaml', codes: ['GATEWAY_SKU_BELOW_CIRCUIT'], mentions: { GATEWAY_SKU_BELOW_CIRCUIT: ['ergw', 'Standard', '10000 Mbps', 'ErGw3AZ'] } },
  { file: 'small-gateway-subnet.yaml', codes: ['GATEWAY_SUBNET_SMALL'], mentions: { GATEWAY_SUBNET_SMALL: ['10.20.255.0/28', '/27'] } },
  { file: 'missing-gateway-subnet.yaml', codes: ['GATEWAY_NOT_CONNECTED', 'GATEWAY_SUBNET_MISSING'], mentions: { GATEWAY_SUBNET_MISSING: ['vnet-azure', 'GatewaySubnet', 'rt-oci'] } },
  { file: 'missing-er-gateway.yaml', codes: ['ER_GATEWAY_MISSING', 'GATEWAY_NOT_CONNECTED'], mentions: { ER_GATEWAY_MISSING: ['vnet-azure', '10.20.255.0/27'] } },
  { file: 'standard-circuit-other-geo.yaml', codes: ['VNET_OUTSIDE_CIRCUIT_REACH'], mentions: { VNET_OUTSIDE_CIRCUIT_REACH: ['conn-er-oci', 'er-oci-azure', 'Washington DC', 'westeurope', 'Europe', 'North America', 'Premium'] } },
  { file: 'local-circuit-not-local.yaml', codes: ['VNET_OUTSIDE_CIRCUIT_REACH'], mentions: { VNET_OUTSIDE_CIRCUIT_REACH: ['Local circuit er-oci-azure', 'centralus', 'eastus or eastus2', 'Standard'] } },
  {
    file: 'five-circuits-same-location.yaml', codes: ['SAME_LOCATION_CIRCUITS_EXCEEDED'], infos: ['DRG_ROUTE_CONFLICT'],
    mentions: { SAME_LOCATION_CIRCUITS_EXCEEDED: ['vnet-azure', 'ergw', '5 circuits at peering location Washington DC', 'er-5', 'conn-5', 'Washington DC2'] },
  },
  { file: 'advertised-prefix-limit.yaml', codes: ['GATEWAY_ADVERTISED_LIMIT_EXCEEDED'], mentions: { GATEWAY_ADVERTISED_LIMIT_EXCEEDED: ['ergw', '1001 prefixes', 'er-oci-azure', 'larger prefixes'] } },
  { file: 'drg-import-drops-azure.yaml', codes: ['DRG_IMPORT_DROPS_AZURE'], mentions: { DRG_IMPORT_DROPS_AZURE: ['rt-drg-vcn', 'import-vcns-only', '10.20.0.0/16', 'VIRTUAL_CIRCUIT'] } },
  { file: 'export-removed.yaml', codes: ['DRG_EXPORT_REMOVED'], mentions: { DRG_EXPORT_REMOVED: ['vc-azure', 'export distribution'] } },
  { file: 'drg-nothing-exported.yaml', codes: ['DRG_NOTHING_EXPORTED'], mentions: { DRG_NOTHING_EXPORTED: ['rt-drg-vc', 'import-from-circuit', 'VCN'] } },
  { file: 'drg-route-conflict.yaml', codes: ['DRG_CONFLICT_SHADOWS_VC_ROUTE'], mentions: { DRG_CONFLICT_SHADOWS_VC_ROUTE: ['rt-drg-vcn', '10.20.0.0/16', 'BLACKHOLE'] } },
  { file: 'udr-to-er-gateway.yaml', codes: ['UDR_TO_ER_GATEWAY'], mentions: { UDR_TO_ER_GATEWAY: ['oci-via-gateway', 'rt-workload', 'subnet-workload', 'disableBgpRoutePropagation'] } },
  { file: 'bgp-propagation-disabled.yaml', codes: ['AZURE_NO_ROUTE_TO_OCI'], mentions: { AZURE_NO_ROUTE_TO_OCI: ['rt-workload', 'subnet-workload', '10.10.10.0/24'] } },
  { file: 'default-security-list-open.yaml', codes: ['DEFAULT_SECLIST_OPEN'], mentions: { DEFAULT_SECLIST_OPEN: ['0.0.0.0/0', 'subnet-oci', 'TCP 22'] } },
  { file: 'transit.yaml', codes: ['SPOKE_NO_GATEWAY_TRANSIT'], mentions: { SPOKE_NO_GATEWAY_TRANSIT: ['vnet-spoke', 'useRemoteGateways', 'allowGatewayTransit'] } },
  { file: 'onprem-prefix-overlap.yaml', codes: ['ONPREM_PREFIX_OVERLAP'], mentions: { ONPREM_PREFIX_OVERLAP: ['dc1', 'vnet-azure', '10.20.50.0/24 ⇄ 10.20.0.0/16', 'system route'] } },
  { file: 'transit-between-circuits.yaml', codes: ['TRANSIT_VC_TO_VC'], mentions: { TRANSIT_VC_TO_VC: ['rt-drg-vc', 'vc-azure-2'] } },
  {
    file: 'transit-advertised-back.yaml', codes: ['TRANSIT_ADVERTISED_BACK'], infos: ['DRG_ROUTE_CONFLICT', 'DRG_VCN_NOT_EXPORTED', 'SECURITY_DENIES_FLOW', 'SECURITY_DENIES_FLOW'],
    mentions: { TRANSIT_ADVERTISED_BACK: ['10.20.0.0/14', 'rt-hub-ingress', 'hub-attachment', 'rt-drg-vc'] },
  },
  // Cross-cloud DNS (docs/dns.md).
  { file: 'dns-missing-forwarder.yaml', codes: ['DNS_NO_CONDITIONAL_FORWARDER'], mentions: { DNS_NO_CONDITIONAL_FORWARDER: ['vcn-oci', 'azure.example', 'FORWARD'] } },
  { file: 'dns-endpoint-blocked.yaml', codes: ['DNS_ENDPOINT_UNREACHABLE', 'DNS_ENDPOINT_UNREACHABLE'], mentions: { DNS_ENDPOINT_UNREACHABLE: ['10.10.20.11', 'SECURITY_LIST_DENY', 'lsn_azure', 'UDP'] } },
  { file: 'dns-forwarding-loop.yaml', codes: ['DNS_FORWARDING_LOOP', 'DNS_FORWARDING_LOOP'], mentions: { DNS_FORWARDING_LOOP: ['azure.example', 'vnet-azure', '10.20.20.4'] } },
  { file: 'dns-zone-not-linked.yaml', codes: ['DNS_ZONE_NOT_LINKED'], mentions: { DNS_ZONE_NOT_LINKED: ['azure.example', 'virtual network', 'link'] } },
  // What Microsoft's gateway pages forbid on the GatewaySubnet.
  { file: 'gateway-subnet-nsg.yaml', codes: ['GATEWAY_SUBNET_NSG'], mentions: { GATEWAY_SUBNET_NSG: ['nsg-workload', '10.20.255.0/27', 'vnet-azure', 'ergw', '--network-security-group ""'] } },
  { file: 'gateway-subnet-default-route.yaml', codes: ['GATEWAY_SUBNET_DEFAULT_ROUTE'], mentions: { GATEWAY_SUBNET_DEFAULT_ROUTE: ['everything-via-firewall', '0.0.0.0/0 → VirtualAppliance 10.20.20.4', 'rt-gateway', 'Delete route'] } },
  { file: 'gateway-subnet-propagation-disabled.yaml', codes: ['GATEWAY_SUBNET_PROPAGATION_DISABLED'], mentions: { GATEWAY_SUBNET_PROPAGATION_DISABLED: ['rt-gateway', '10.20.255.0/27', 'disableBgpRoutePropagation: false'] } },
  { file: 'gateway-subnet-udr-overlap.yaml', codes: ['GATEWAY_SUBNET_UDR_OVERLAP'], mentions: { GATEWAY_SUBNET_UDR_OVERLAP: ['east-west-via-firewall', '10.20.0.0/16', 'rt-workload', 'subnet-workload', '10.20.255.0/27'] } },
  // FastPath on a provider circuit, and packet size across ExpressRoute.
  { file: 'fastpath-bypasses-firewall.yaml', codes: ['FASTPATH_IGNORES_GATEWAY_UDR'], mentions: { FASTPATH_IGNORES_GATEWAY_UDR: ['conn-er-oci', 'rt-gateway', 'workload-via-firewall', '10.20.10.0/24', 'expressRouteGatewayBypass: false'] } },
  {
    file: 'fastpath-spokes.yaml', codes: [], infos: ['DRG_ROUTE_CONFLICT', ...HUB_INFOS, 'FASTPATH_NOT_FOR_SPOKES', 'SECURITY_DENIES_FLOW', 'SECURITY_DENIES_FLOW'],
    mentions: { FASTPATH_NOT_FOR_SPOKES: ['conn-er-hub', 'ergw-hub', 'vnet-hub', 'vnet-app and vnet-data'] },
  },
  { file: 'jumbo-mtu-virtual-circuit.yaml', codes: ['VC_MTU_ABOVE_EXPRESSROUTE'], mentions: { VC_MTU_ABOVE_EXPRESSROUTE: ['vc-azure', 'MTU_9000', 'er-oci-azure', '1,500', 'MTU_1500'] } },
  { file: 'pmtud-blocked.yaml', codes: ['PMTUD_ICMP_BLOCKED'], mentions: { PMTUD_ICMP_BLOCKED: ['subnet-oci', 'sl-oci', '10.20.0.0/16', 'icmpType: 3, icmpCode: 4'] } },
];

/** Codes that only a lab's expectations produce. */
const LAB_ONLY = new Set(['SECURITY_BLOCKS_EXPECTATION', 'SECURITY_DENIES_FLOW']);

function assertWellFormed(report: DoctorReport): void {
  for (const f of report.findings) {
    assert.ok(f.code in FINDINGS, `${f.code} is catalogued`);
    assert.equal(f.severity, FINDINGS[f.code as keyof typeof FINDINGS].severity, `${f.code} has the catalogue's severity`);
    assert.ok(f.resources.length > 0 && f.resources.every((id) => id.length > 0), `${f.code} names its resources`);
    assert.ok(f.message.length > 40 && f.fix.length > 20, `${f.code} explains and fixes`);
  }
}

void test('every file in labs/broken has a case, and every case a file', () => {
  const files = readdirSync(BROKEN).filter((f) => f.endsWith('.yaml')).sort();
  assert.deepEqual(CASES.map((c) => c.file).sort(), files);
});

for (const c of CASES) {
  void test(`${c.file}: the doctor finds exactly ${c.codes.length > 0 ? c.codes.join(', ') : 'no error or warning'}; the expectations hold`, async () => {
    const { engine, lab } = await upFile(path.join(BROKEN, c.file));
    const report = runDoctor(engine.routing, lab);
    assertWellFormed(report);
    assert.deepEqual(loud(report), [...c.codes].sort(), 'errors and warnings');
    assert.deepEqual(infos(report), [...(c.infos ?? [])].sort(), 'infos');
    for (const [code, texts] of Object.entries(c.mentions ?? {})) {
      const text = byCode(report, code).map((f) => `${f.message}\n${f.fix}`).join('\n');
      assert.ok(text.length > 0, `${code} reported`);
      for (const t of texts) assert.ok(text.includes(t), `${code} mentions ${t}:\n${text}`);
    }

    // Without the lab: the same errors and warnings (the asymmetry is found by representative probes).
    const bare = runDoctor(engine.routing);
    assert.deepEqual(loud(bare), c.codes.filter((x) => !LAB_ONLY.has(x)).sort(), 'without the lab');

    if (c.intent) {
      const intended = runDoctor(engine.routing, intent(lab));
      assert.deepEqual(loud(intended), [...c.intent].sort(), 'with the expectations turned into "delivered"');
      for (const f of byCode(intended, 'SECURITY_BLOCKS_EXPECTATION')) assert.match(f.message, /expects delivered, but the trace drops it with (SECURITY_LIST_DENY|NSG_DENY|HOST_FIREWALL_DENY)/);
    }

    // The lab's expectations are what the trace gives.
    assert.ok(lab.expectations.length > 0);
    for (const e of lab.expectations) {
      const t = trace(engine.routing, { from: e.from, to: e.to, protocol: e.protocol, ...(e.port === undefined ? {} : { port: e.port }) });
      assert.equal(t.verdict, e.expect, `${e.name}: ${t.reason}`);
      if (e.expect === 'dropped') {
        const accepted = e.reason === undefined ? undefined : typeof e.reason === 'string' ? [e.reason] : e.reason;
        assert.ok(accepted !== undefined, `${e.name} states its reason`);
        assert.ok(accepted.includes(t.reason), `${e.name}: trace says ${t.reason}, lab says ${accepted.join('|')}`);
      }
    }
  });
}

void test('the seven troubleshooting cases each give a dropped verdict and a finding that names the fix', async () => {
  const seven = CASES.slice(0, 7);
  for (const c of seven) {
    const { engine, lab } = await upFile(path.join(BROKEN, c.file));
    assert.ok(lab.expectations.some((e) => e.expect === 'dropped'), `${c.file} has a dropped expectation`);
    const report = runDoctor(engine.routing, lab);
    const main = report.findings.filter((f) => f.code !== 'DRG_VCN_NOT_EXPORTED');
    assert.ok(main.length > 0 && main.every((f) => f.fix.length > 0), `${c.file}: a finding with a fix`);
  }
});
