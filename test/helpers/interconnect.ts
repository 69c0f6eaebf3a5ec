// Builds the seed tutorial's interconnect through the lifecycle operations, with knobs for the
// failure cases the tests need. Everything goes through Engine.mutate, as the APIs do.
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import type { OciScope } from '../../src/lifecycle/oci/scope.ts';
import type { AzureScope } from '../../src/lifecycle/azure/scope.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { createSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { createDrg } from '../../src/lifecycle/oci/drg.ts';
import { createDrgAttachment } from '../../src/lifecycle/oci/drg-attachment.ts';
import { createVirtualCircuit } from '../../src/lifecycle/oci/virtual-circuit.ts';
import { putResourceGroup } from '../../src/lifecycle/azure/resource-group.ts';
import { putVirtualNetwork } from '../../src/lifecycle/azure/vnet.ts';
import { putVirtualNetworkGateway } from '../../src/lifecycle/azure/gateway.ts';
import { putExpressRouteCircuit } from '../../src/lifecycle/azure/circuit.ts';
import { putConnection } from '../../src/lifecycle/azure/connection.ts';
import { fastConnectProviderServices } from '../../src/model/interconnect/providers.ts';

export const AZ: AzureScope = { subscriptionId: DEFAULT_SUBSCRIPTION_ID };

export function ociScope(region = 'us-ashburn-1'): OciScope {
  return { tenancyId: DEFAULT_TENANCY_ID, region };
}

export async function memoryEngine(opts: Omit<EngineOptions, 'store'> = {}): Promise<Engine> {
  return Engine.open({ store: await openStore({ inMemory: true }), ...opts });
}

export interface AzureSide { vnetId: string; gatewayId: string; circuitId: string; serviceKey: string }

export async function buildAzure(engine: Engine, opts: { peeringLocation?: string; bandwidthInMbps?: number; tier?: string; gatewaySku?: string } = {}): Promise<AzureSide> {
  return engine.mutate('test:azure', (tx) => {
    putResourceGroup(tx, AZ, 'rg', { location: 'eastus' });
    const vnet = putVirtualNetwork(tx, AZ, 'rg', 'vnet-azure', {
      location: 'eastus',
      properties: {
        addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
        subnets: [{ name: 'subnet-workload', properties: { addressPrefix: '10.20.10.0/24' } }, { name: 'GatewaySubnet', properties: { addressPrefix: '10.20.255.0/27' } }],
      },
    });
    const gw = putVirtualNetworkGateway(tx, AZ, 'rg', 'ergw', {
      location: 'eastus',
      properties: { gatewayType: 'ExpressRoute', sku: { name: opts.gatewaySku ?? 'Standard' }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: `${vnet.id}/subnets/GatewaySubnet` } } }] },
    });
    const circuit = putExpressRouteCircuit(tx, AZ, 'rg', 'er-oci-azure', {
      location: 'eastus', sku: { tier: opts.tier ?? 'Standard', family: 'MeteredData' },
      properties: { serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: opts.peeringLocation ?? 'Washington DC', bandwidthInMbps: opts.bandwidthInMbps ?? 1000 } },
    });
    return { vnetId: vnet.id, gatewayId: gw.id, circuitId: circuit.id, serviceKey: circuit.properties.serviceKey };
  });
}

export interface OciSide { vcnId: string; drgId: string; vcId: string }

export interface OciOptions {
  region?: string;
  bandwidthShapeName?: string;
  mappings?: { customerBgpPeeringIp?: string; oracleBgpPeeringIp?: string }[];
}

export async function buildOci(engine: Engine, serviceKey: string, opts: OciOptions = {}): Promise<OciSide> {
  const scope = ociScope(opts.region);
  return engine.mutate('test:oci', (tx) => {
    const vcn = createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlocks: ['10.10.0.0/16'], displayName: 'vcn-oci' });
    createSubnet(tx, scope, { compartmentId: scope.tenancyId, vcnId: vcn.id, cidrBlock: '10.10.10.0/24', displayName: 'subnet-oci' });
    const drg = createDrg(tx, scope, { compartmentId: scope.tenancyId, displayName: 'drg-oci' });
    createDrgAttachment(tx, scope, { drgId: drg.id, networkDetails: { type: 'VCN', id: vcn.id } });
    const service = fastConnectProviderServices(scope.region).find((s) => s.providerName === 'Microsoft Azure');
    if (!service) throw new Error('no Azure provider service');
    const vc = createVirtualCircuit(tx, scope, {
      compartmentId: scope.tenancyId, displayName: 'vc-azure', type: 'PRIVATE', gatewayId: drg.id, providerServiceId: service.id,
      providerServiceKeyName: serviceKey, bandwidthShapeName: opts.bandwidthShapeName ?? '1 Gbps',
      crossConnectMappings: opts.mappings ?? [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }],
    });
    return { vcnId: vcn.id, drgId: drg.id, vcId: vc.id };
  });
}

export async function connect(engine: Engine, azure: AzureSide, name = 'conn-er'): Promise<string> {
  return engine.mutate('test:connect', (tx) => putConnection(tx, AZ, 'rg', name, {
    location: 'eastus', properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: azure.gatewayId }, peer: { id: azure.circuitId } },
  }).id);
}
