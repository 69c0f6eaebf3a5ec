// Builds a lab's Azure side through the same operations the ARM API uses: NSGs and route tables
// before the VNets whose subnets name them, gateways before the peerings that use them, NICs
// before their VMs.
import type { Tx } from '../model/tx.ts';
import type { Lab, LabAzureSecurityRule } from './schema.ts';
import { LAB_TAG, type LabIds } from './names.ts';
import { armComputeId, armNetworkId } from '../model/ids.ts';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from '../lifecycle/defaults.ts';
import type { AzureScope } from '../lifecycle/azure/scope.ts';
import { putResourceGroup } from '../lifecycle/azure/resource-group.ts';
import { putNetworkSecurityGroup, type SecurityRuleInput } from '../lifecycle/azure/nsg.ts';
import { putRouteTable } from '../lifecycle/azure/route-table.ts';
import { putVirtualNetwork } from '../lifecycle/azure/vnet.ts';
import { putVnetPeering } from '../lifecycle/azure/vnet-peering.ts';
import { putVirtualNetworkGateway } from '../lifecycle/azure/gateway.ts';
import { putNetworkInterface, putVirtualMachine } from '../lifecycle/azure/nic.ts';
import type { Steps } from '../model/steps.ts';

export function azureLabScope(lab: Lab): AzureScope {
  return { subscriptionId: lab.azure.subscription ?? DEFAULT_SUBSCRIPTION_ID };
}

export const A = {
  vnet: (n: string) => `azure.vnet/${n}`,
  subnet: (v: string, s: string) => `azure.subnet/${v}/${s}`,
  nsg: (n: string) => `azure.nsg/${n}`,
  routeTable: (n: string) => `azure.routeTable/${n}`,
  gateway: (n: string) => `azure.gateway/${n}`,
  nic: (n: string) => `azure.nic/${n}`,
  vm: (n: string) => `azure.vm/${n}`,
  circuit: (n: string) => `azure.circuit/${n}`,
  connection: (n: string) => `azure.connection/${n}`,
};

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

function securityRule(r: LabAzureSecurityRule): SecurityRuleInput {
  const one = (values: string[], single: keyof SecurityRuleInput, many: keyof SecurityRuleInput) =>
    values.length === 1 ? { [single]: values[0] } : { [many]: values };
  return {
    priority: r.priority, direction: r.direction, access: r.access, protocol: r.protocol,
    ...one(list(r.source), 'sourceAddressPrefix', 'sourceAddressPrefixes'),
    ...one(list(r.sourcePorts), 'sourcePortRange', 'sourcePortRanges'),
    ...one(list(r.destination), 'destinationAddressPrefix', 'destinationAddressPrefixes'),
    ...one(list(r.destinationPorts), 'destinationPortRange', 'destinationPortRanges'),
    ...(r.description === undefined ? {} : { description: r.description }),
  };
}

/** One step per NSG, route table, VNet (with its subnets), gateway and VM. */
export function* applyAzure(tx: Tx, lab: Lab, ids: LabIds): Steps<void> {
  const scope = azureLabScope(lab);
  const subscriptionKey = `/subscriptions/${scope.subscriptionId}`;
  if (!tx.get('azure.Subscription', subscriptionKey)) {
    tx.put('azure.Subscription', { id: subscriptionKey, subscriptionId: scope.subscriptionId, tenantId: DEFAULT_TENANT_ID, displayName: `FastRoute ${lab.name}`, state: 'Enabled' });
  }
  const rg = lab.azure.resourceGroup;
  const tags = { [LAB_TAG]: lab.name };
  const base = { location: lab.azure.location, tags };
  putResourceGroup(tx, scope, rg, base);
  for (const n of lab.azure.nsgs) {
    ids.set(A.nsg(n.name), putNetworkSecurityGroup(tx, scope, rg, n.name, { ...base, properties: { securityRules: n.rules.map((r) => ({ name: r.name, properties: securityRule(r) })) } }).id);
    yield;
  }
  for (const t of lab.azure.routeTables) {
    ids.set(A.routeTable(t.name), putRouteTable(tx, scope, rg, t.name, {
      ...base,
      properties: {
        disableBgpRoutePropagation: t.disableBgpRoutePropagation,
        routes: t.routes.map((r) => ({ name: r.name, properties: { addressPrefix: r.prefix, nextHopType: r.nextHopType, ...(r.nextHopIp === undefined ? {} : { nextHopIpAddress: r.nextHopIp }) } })),
      },
    }).id);
    yield;
  }
  for (const v of lab.azure.vnets) {
    const vnet = putVirtualNetwork(tx, scope, rg, v.name, {
      ...base,
      properties: {
        addressSpace: { addressPrefixes: v.addressSpace },
        subnets: v.subnets.map((s) => ({
          name: s.name,
          properties: {
            addressPrefix: s.prefix,
            ...(s.nsg === undefined ? {} : { networkSecurityGroup: { id: ids.get(A.nsg(s.nsg)) } }),
            ...(s.routeTable === undefined ? {} : { routeTable: { id: ids.get(A.routeTable(s.routeTable)) } }),
          },
        })),
      },
    });
    ids.set(A.vnet(v.name), vnet.id);
    for (const s of v.subnets) ids.set(A.subnet(v.name, s.name), `${vnet.id}/subnets/${s.name}`);
    yield;
  }
  for (const g of lab.azure.gateways) {
    ids.set(A.gateway(g.name), putVirtualNetworkGateway(tx, scope, rg, g.name, {
      ...base,
      properties: {
        gatewayType: 'ExpressRoute', sku: { name: g.sku, tier: g.sku, ...(g.scaleUnits === undefined ? {} : { capacity: g.scaleUnits }) },
        ipConfigurations: [{ name: 'default', properties: { subnet: { id: ids.get(A.subnet(g.vnet, 'GatewaySubnet')) } } }],
      },
    }).id);
    yield;
  }
  for (const v of lab.azure.vnets) {
    for (const p of v.peerings) {
      putVnetPeering(tx, scope, rg, v.name, p.name, {
        properties: {
          remoteVirtualNetwork: { id: ids.get(A.vnet(p.remoteVnet)) }, allowVirtualNetworkAccess: p.allowVirtualNetworkAccess,
          allowForwardedTraffic: p.allowForwardedTraffic, allowGatewayTransit: p.allowGatewayTransit, useRemoteGateways: p.useRemoteGateways,
        },
      });
    }
  }
  for (const vm of lab.azure.vms) {
    const nicName = `${vm.name}-nic`;
    const nic = putNetworkInterface(tx, scope, rg, nicName, {
      ...base,
      properties: {
        ipConfigurations: [{ name: 'ipconfig1', properties: { privateIPAddress: vm.privateIp, privateIPAllocationMethod: 'Static', subnet: { id: ids.get(A.subnet(vm.vnet, vm.subnet)) }, primary: true } }],
        enableIPForwarding: vm.ipForwarding,
        ...(vm.nicNsg === undefined ? {} : { networkSecurityGroup: { id: ids.get(A.nsg(vm.nicNsg)) } }),
      },
    });
    ids.set(A.nic(vm.name), nic.id);
    const created = putVirtualMachine(tx, scope, rg, vm.name, {
      ...base,
      properties: { hardwareProfile: { vmSize: vm.size }, networkProfile: { networkInterfaces: [{ id: nic.id, properties: { primary: true } }] } },
      ...(vm.hostFirewall ? { hostFirewall: { allowIcmp: vm.hostFirewall.allowIcmp, ...(vm.hostFirewall.allowInbound ? { allowInbound: vm.hostFirewall.allowInbound } : {}) } } : {}),
    });
    ids.set(A.vm(vm.name), created.id);
    yield;
  }
}

export function armIdFor(scope: AzureScope, rg: string, collection: string, name: string): string {
  return collection === 'virtualMachines' ? armComputeId(scope.subscriptionId, rg, collection, name) : armNetworkId(scope.subscriptionId, rg, collection, name);
}
