// The routing memo drops every answer a change makes stale. On the hub-and-spoke lab (every kind
// the routing, the trace and the doctor read), random sequences of changes go through the
// lifecycle operations the APIs call, each in its own commit; after every step each memoised
// answer (tables, offered and exported routes, interconnect sessions, gateway routes, effective
// routes and their lookups, trace verdicts, doctor findings) must equal a fresh computation on
// the same world. Every kind of change must have succeeded in some run, so none is vacuous. (A
// prefix flood takes a gateway connection over the 1,000 advertised prefixes and back.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Engine } from '../../src/engine/engine.ts';
import type { Tx } from '../../src/model/tx.ts';
import { CloudError } from '../../src/model/errors.ts';
import { updateDrgAttachment, removeExportDrgRouteDistribution } from '../../src/lifecycle/oci/drg-attachment.ts';
import { updateRouteTable } from '../../src/lifecycle/oci/route-table.ts';
import { addDrgRouteRules, removeDrgRouteRules, removeImportDrgRouteDistribution, updateDrgRouteTable } from '../../src/lifecycle/oci/drg-route-table.ts';
import { addDrgRouteDistributionStatements, removeDrgRouteDistributionStatements } from '../../src/lifecycle/oci/drg-route-distribution.ts';
import { createSubnet, deleteSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { addVcnCidr, removeVcnCidr } from '../../src/lifecycle/oci/vcn-cidr.ts';
import { updateVnic } from '../../src/lifecycle/oci/compute.ts';
import { addNsgRules, removeNsgRules, updateSecurityList } from '../../src/lifecycle/oci/security-list.ts';
import { updateVirtualCircuit } from '../../src/lifecycle/oci/virtual-circuit.ts';
import { putSubnet, putVirtualNetwork } from '../../src/lifecycle/azure/vnet.ts';
import { putVnetPeering } from '../../src/lifecycle/azure/vnet-peering.ts';
import type { VnetPeering } from '../../src/lifecycle/azure/vnet-peering.ts';
import { putNetworkInterface } from '../../src/lifecycle/azure/nic.ts';
import { putRouteTable } from '../../src/lifecycle/azure/route-table.ts';
import { deleteSecurityRule, putSecurityRule } from '../../src/lifecycle/azure/nsg.ts';
import { deleteConnection, putConnection } from '../../src/lifecycle/azure/connection.ts';
import { putVirtualNetworkGateway } from '../../src/lifecycle/azure/gateway.ts';
import { applyDrill, removeDrills } from '../../src/drills/drills.ts';
import { AZ, ociScope } from '../helpers/interconnect.ts';
import { labEngine } from '../helpers/lab.ts';
import { memoisedAndFresh } from '../helpers/routing-snapshot.ts';

const RG = 'rg-fastroute-hub-spoke';
const OCI = ociScope();

interface Step { kind: Kind; a: number; b: number; flag: boolean }

/** `list[i mod n]`, over a list sorted by id so a run replays the same choices. */
function pick<T extends { id: string }>(list: readonly T[], i: number): T | undefined {
  const sorted = [...list].sort((x, y) => x.id.localeCompare(y.id));
  return sorted.length === 0 ? undefined : sorted[i % sorted.length];
}

const nameOf = (armId: string) => armId.split('/').pop() ?? '';

// Each change reads the world it applies to and makes one API-shaped call (or a few, when the API
// replaces a whole resource). A call the cloud refuses changes nothing, which is fine too.
const CHANGES = {
  vcnRouteType(tx: Tx, s: Step) {
    const att = pick(tx.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN'), s.a);
    if (att) updateDrgAttachment(tx, OCI, att.id, { networkDetails: { type: 'VCN', vcnRouteType: s.flag ? 'VCN_CIDRS' : 'SUBNET_CIDRS' } });
  },
  ingressRouteTable(tx: Tx, s: Step) {
    const att = pick(tx.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN'), s.a);
    const table = att && pick(tx.children('oci.RouteTable', att.networkDetails.id), s.b);
    if (att && table) updateDrgAttachment(tx, OCI, att.id, { networkDetails: { type: 'VCN', routeTableId: table.id } });
  },
  attachmentDrgTable(tx: Tx, s: Step) {
    const att = pick(tx.list('oci.DrgAttachment'), s.a);
    const table = att && pick(tx.children('oci.DrgRouteTable', att.drgId), s.b);
    if (att && table) updateDrgAttachment(tx, OCI, att.id, { drgRouteTableId: table.id });
  },
  exportDistribution(tx: Tx, s: Step) {
    const att = pick(tx.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT'), s.a);
    if (!att) return;
    if (s.flag) removeExportDrgRouteDistribution(tx, OCI, att.id);
    else updateDrgAttachment(tx, OCI, att.id, { exportDrgRouteDistributionId: tx.get('oci.Drg', att.drgId)?.defaultExportDrgRouteDistributionId ?? '' });
  },
  vcnRouteRules(tx: Tx, s: Step) {
    const table = pick(tx.list('oci.RouteTable'), s.a);
    if (!table) return;
    const drg = tx.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VCN' && a.networkDetails.id === table.vcnId)?.drgId;
    const kept = table.routeRules.filter((_, i) => (s.b >> i) % 2 === 0).map((r) => ({ destination: r.destination, destinationType: r.destinationType, networkEntityId: r.networkEntityId }));
    const added = s.flag && drg ? [{ destination: `10.${20 + (s.b % 4)}.0.0/16`, destinationType: 'CIDR_BLOCK' as const, networkEntityId: drg }] : [];
    updateRouteTable(tx, OCI, table.id, { routeRules: [...kept, ...added.filter((x) => !kept.some((k) => k.destination === x.destination))] });
  },
  drgStaticRule(tx: Tx, s: Step) {
    const table = pick(tx.list('oci.DrgRouteTable'), s.a);
    if (!table) return;
    const rules = tx.children('oci.DrgRouteRule', table.id);
    const rule = pick(rules, s.b);
    if (!s.flag && rule) { removeDrgRouteRules(tx, OCI, table.id, [rule.id]); return; }
    const next = pick(tx.children('oci.DrgAttachment', table.drgId), s.b);
    const destination = `10.${10 + (s.b % 13)}.0.0/16`;
    if (next && !rules.some((r) => r.destination === destination)) addDrgRouteRules(tx, OCI, table.id, [{ destination, destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: next.id }]);
  },
  distributionStatement(tx: Tx, s: Step) {
    const dist = pick(tx.list('oci.DrgRouteDistribution').filter((d) => d.distributionType === 'IMPORT'), s.a);
    if (!dist) return;
    const statements = tx.children('oci.DrgRouteDistributionStatement', dist.id);
    const statement = pick(statements, s.b);
    if (!s.flag && statement) { removeDrgRouteDistributionStatements(tx, OCI, dist.id, [statement.id]); return; }
    const att = pick(tx.children('oci.DrgAttachment', dist.drgId), s.b);
    const priority = 100 + (s.b % 50);
    if (statements.some((x) => x.priority === priority)) return;
    const matchCriteria = att && s.b % 3 !== 0 ? [{ matchType: 'DRG_ATTACHMENT_ID', drgAttachmentId: att.id }] : [{ matchType: 'DRG_ATTACHMENT_TYPE', attachmentType: s.b % 2 === 0 ? 'VCN' : 'VIRTUAL_CIRCUIT' }];
    addDrgRouteDistributionStatements(tx, OCI, dist.id, [{ priority, action: 'ACCEPT', matchCriteria }]);
  },
  drgTableImport(tx: Tx, s: Step) {
    const table = pick(tx.list('oci.DrgRouteTable'), s.a);
    if (!table) return;
    const dist = pick(tx.children('oci.DrgRouteDistribution', table.drgId).filter((d) => d.distributionType === 'IMPORT'), s.b);
    if (s.flag || !dist) removeImportDrgRouteDistribution(tx, OCI, table.id);
    else updateDrgRouteTable(tx, OCI, table.id, { importDrgRouteDistributionId: dist.id, isEcmpEnabled: s.b % 2 === 0 });
  },
  ociSubnet(tx: Tx, s: Step) {
    const vcn = pick(tx.list('oci.Vcn'), s.a);
    if (!vcn) return;
    const subnets = tx.children('oci.Subnet', vcn.id);
    const extra = subnets.find((x) => x.displayName === 'extra');
    if (extra) { deleteSubnet(tx, OCI, extra.id); return; }
    const block = vcn.cidrBlocks[0] ?? '';
    createSubnet(tx, OCI, { compartmentId: vcn.compartmentId, vcnId: vcn.id, displayName: 'extra', cidrBlock: block.replace(/\.0\.0\/16$/, `.${200 + (s.b % 50)}.0/24`) });
  },
  vcnCidr(tx: Tx, s: Step) {
    const vcn = pick(tx.list('oci.Vcn'), s.a);
    if (!vcn) return;
    const added = vcn.cidrBlocks.find((b) => b.startsWith('172.'));
    if (added) removeVcnCidr(tx, OCI, vcn.id, added);
    else addVcnCidr(tx, OCI, vcn.id, `172.16.${(s.a % 8) * 16}.0/20`);
  },
  vnicNsgs(tx: Tx, s: Step) {
    const vnic = pick(tx.list('oci.Vnic'), s.a);
    if (!vnic) return;
    const vcnId = tx.get('oci.Subnet', vnic.subnetId)?.vcnId ?? '';
    const nsg = pick(tx.children('oci.NetworkSecurityGroup', vcnId), s.b);
    updateVnic(tx, OCI, vnic.id, { nsgIds: s.flag && nsg ? [nsg.id] : [] });
  },
  ociSecurityRules(tx: Tx, s: Step) {
    const nsg = pick(tx.list('oci.NetworkSecurityGroup'), s.a);
    if (nsg) {
      const rule = pick(tx.children('oci.NsgSecurityRule', nsg.id), s.b);
      if (!s.flag && rule) removeNsgRules(tx, OCI, nsg.id, [rule.id]);
      else addNsgRules(tx, OCI, nsg.id, [{ direction: 'INGRESS', source: '10.20.0.0/14', sourceType: 'CIDR_BLOCK', protocol: '6', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }]);
    }
    const list = pick(tx.list('oci.SecurityList'), s.b);
    if (list && s.flag) {
      updateSecurityList(tx, OCI, list.id, { ingressSecurityRules: list.ingressSecurityRules.filter((_, i) => i !== s.a % Math.max(1, list.ingressSecurityRules.length)), egressSecurityRules: list.egressSecurityRules });
    }
  },
  bgpAdminState(tx: Tx, s: Step) {
    const vc = pick(tx.list('oci.VirtualCircuit'), s.a);
    if (vc) updateVirtualCircuit(tx, OCI, vc.id, { bgpAdminState: s.flag ? 'DISABLED' : 'ENABLED' });
  },
  vnetAddressSpace(tx: Tx, s: Step) {
    const vnet = pick(tx.list('azure.VirtualNetwork'), s.a);
    if (!vnet) return;
    const space = vnet.properties.addressSpace.addressPrefixes;
    const extra = `172.${20 + (s.a % 8)}.0.0/16`;
    const next = space.includes(extra) ? space.filter((p) => p !== extra) : [...space, extra];
    putVirtualNetwork(tx, AZ, RG, vnet.name, { location: vnet.location, properties: { addressSpace: { addressPrefixes: next } } });
  },
  /** Over 1,000 prefixes through one gateway's connection, and back (the connection drops and returns). */
  vnetPrefixFlood(tx: Tx, s: Step) {
    const vnet = pick(tx.list('azure.VirtualNetwork'), s.a);
    if (!vnet) return;
    const space = vnet.properties.addressSpace.addressPrefixes;
    const flood = Array.from({ length: 1000 }, (_, i) => `172.${24 + (i >> 8)}.${i & 255}.0/24`);
    const next = space.some((p) => flood.includes(p)) ? space.filter((p) => !flood.includes(p)) : [...space, ...flood];
    putVirtualNetwork(tx, AZ, RG, vnet.name, { location: vnet.location, properties: { addressSpace: { addressPrefixes: next } } });
  },
  azureSubnetRouteTable(tx: Tx, s: Step) {
    const subnet = pick(tx.list('azure.Subnet').filter((x) => x.name !== 'GatewaySubnet'), s.a);
    if (!subnet) return;
    const table = pick(tx.list('azure.RouteTable'), s.b);
    putSubnet(tx, AZ, RG, nameOf(subnet.fr.parentId), subnet.name, {
      properties: { addressPrefix: subnet.properties.addressPrefix, networkSecurityGroup: subnet.properties.networkSecurityGroup ?? null, routeTable: s.flag && table ? { id: table.id } : null },
    });
  },
  azureRouteTable(tx: Tx, s: Step) {
    const table = pick(tx.list('azure.RouteTable'), s.a);
    if (!table) return;
    const routes = tx.children('azure.Route', table.id).filter((_, i) => i !== s.b % 3)
      .map((r) => ({ name: r.name, properties: { addressPrefix: r.properties.addressPrefix, nextHopType: r.properties.nextHopType, ...(r.properties.nextHopIpAddress ? { nextHopIpAddress: r.properties.nextHopIpAddress } : {}) } }));
    if (s.b % 2 === 0) routes.push({ name: `to-oci-${s.b % 5}`, properties: { addressPrefix: `10.${10 + (s.b % 3)}.1.0/24`, nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.20.1.4' } });
    putRouteTable(tx, AZ, RG, table.name, { location: table.location, properties: { disableBgpRoutePropagation: s.flag, routes } });
  },
  peering(tx: Tx, s: Step) {
    const vnet = pick(tx.list('azure.VirtualNetwork'), s.a);
    const p = vnet && pick((vnet.properties.virtualNetworkPeerings as VnetPeering[]).map((x) => ({ ...x, id: x.id })), s.b);
    if (!vnet || !p) return;
    const props = p.properties;
    const useRemote = props.useRemoteGateways ? !s.flag : props.useRemoteGateways;
    putVnetPeering(tx, AZ, RG, vnet.name, p.name, { properties: {
      remoteVirtualNetwork: props.remoteVirtualNetwork, allowVirtualNetworkAccess: s.b % 5 === 0 ? !props.allowVirtualNetworkAccess : props.allowVirtualNetworkAccess,
      allowForwardedTraffic: props.allowForwardedTraffic, allowGatewayTransit: props.allowGatewayTransit ? !s.flag : props.allowGatewayTransit, useRemoteGateways: useRemote,
    } });
  },
  azureSecurityRule(tx: Tx, s: Step) {
    const nsg = pick(tx.list('azure.NetworkSecurityGroup'), s.a);
    if (!nsg) return;
    const custom = tx.children('azure.SecurityRule', nsg.id).filter((r) => r.properties.priority < 65000);
    const rule = pick(custom, s.b);
    if (!s.flag && rule) { deleteSecurityRule(tx, AZ, RG, nsg.name, rule.name); return; }
    putSecurityRule(tx, AZ, RG, nsg.name, `deny-${s.b % 4}`, { properties: {
      priority: 200 + (s.b % 4), direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '10.8.0.0/13', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '*',
    } });
  },
  nicNsg(tx: Tx, s: Step) {
    const nic = pick(tx.list('azure.NetworkInterface'), s.a);
    const nsg = pick(tx.list('azure.NetworkSecurityGroup'), s.b);
    if (!nic) return;
    putNetworkInterface(tx, AZ, RG, nic.name, { location: nic.location, properties: {
      enableIPForwarding: nic.properties.enableIPForwarding, ...(s.flag && nsg ? { networkSecurityGroup: { id: nsg.id } } : {}),
      ipConfigurations: nic.properties.ipConfigurations.map((c) => ({ name: c.name, properties: { subnet: { id: c.properties.subnet.id }, privateIPAddress: c.properties.privateIPAddress, privateIPAllocationMethod: 'Static' as const } })),
    } });
  },
  connection(tx: Tx) {
    const conn = tx.list('azure.Connection')[0];
    if (conn) { deleteConnection(tx, AZ, RG, conn.name); return; }
    const gw = tx.list('azure.VirtualNetworkGateway')[0];
    const circuit = tx.list('azure.ExpressRouteCircuit')[0];
    if (gw && circuit) putConnection(tx, AZ, RG, 'conn-er-hub', { location: gw.location, properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gw.id }, peer: { id: circuit.id } } });
  },
  gatewaySku(tx: Tx, s: Step) {
    const gw = tx.list('azure.VirtualNetworkGateway')[0];
    if (!gw) return;
    const sku = ['Standard', 'ErGw1AZ', 'ErGw2AZ', 'HighPerformance'][s.b % 4] ?? 'Standard';
    putVirtualNetworkGateway(tx, AZ, RG, gw.name, { location: gw.location, properties: {
      gatewayType: 'ExpressRoute', sku: { name: sku, tier: sku }, ipConfigurations: gw.properties.ipConfigurations.map((c) => ({ name: c.name, properties: { subnet: { id: c.properties.subnet.id } } })),
    } });
  },
  drill(tx: Tx, s: Step) {
    if (!s.flag && tx.list('fr.Drill').length > 0) return void removeDrills(tx);
    const kinds = ['link-down', 'bgp-reset', 'as-path-prepend', 'prefix-withdraw', 'prefix-flood'] as const;
    const kind = kinds[s.b % kinds.length] ?? 'link-down';
    const path = s.a % 2 === 0 ? 'primary' : 'secondary';
    if (kind === 'prefix-withdraw') applyDrill(tx, { kind, prefix: s.a % 2 === 0 ? '10.21.0.0/16' : '10.11.0.0/16' });
    else if (kind === 'prefix-flood') applyDrill(tx, { kind, count: 20 + (s.a % 20) });
    else applyDrill(tx, { kind, path, ...(kind === 'as-path-prepend' ? { count: 1 + (s.a % 3) } : {}) });
  },
} satisfies Record<string, (tx: Tx, s: Step) => unknown>;

type Kind = keyof typeof CHANGES;
const KINDS = Object.keys(CHANGES) as Kind[];

const stepArb = fc.record({ kind: fc.constantFrom(...KINDS), a: fc.nat({ max: 1000 }), b: fc.nat({ max: 1000 }), flag: fc.boolean() });

async function applyStep(engine: Engine, s: Step): Promise<boolean> {
  try {
    await engine.mutate(`property:${s.kind}`, (tx) => { CHANGES[s.kind](tx, s); });
    return true;
  } catch (err) {
    if (err instanceof CloudError) return false; // refused as the cloud would: nothing changed
    throw err;
  }
}

async function assertMemoFresh(engine: Engine, after: string): Promise<void> {
  const { memoised, fresh } = await engine.read((view) => memoisedAndFresh(engine.routing, view, { traces: true, doctor: true }));
  for (const key of Object.keys(fresh)) assert.deepStrictEqual(memoised[key], fresh[key], `${key} after ${after}`);
  assert.deepStrictEqual(Object.keys(memoised), Object.keys(fresh));
}

void test('after any sequence of changes, every memoised routing answer equals a fresh computation', async () => {
  const succeeded = new Set<Kind>();
  await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 10 }), async (steps) => {
    const { engine } = await labEngine('labs/hub-and-spoke.yaml');
    try {
      await assertMemoFresh(engine, 'the lab came up');
      for (const [i, s] of steps.entries()) {
        if (await applyStep(engine, s)) succeeded.add(s.kind);
        await assertMemoFresh(engine, `step ${i} ${JSON.stringify(s)}`);
      }
    } finally {
      await engine.close();
    }
  }), { numRuns: 30, seed: 11 });
  assert.deepEqual(KINDS.filter((k) => !succeeded.has(k)), [], 'every kind of change succeeded in some run');
});
