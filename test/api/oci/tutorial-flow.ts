// The seed tutorial's OCI half as a user writes it with the official SDK (steps 2.1–2.4 and 6.1:
// VCN, subnet, DRG, attachment, route rule to the DRG; then the FastConnect virtual circuit keyed
// with the ExpressRoute service key), waited on with the SDK's own waiters. The Azure half is
// created through the engine until FastRoute serves ARM. Used by the test and by the bench.
import type { Engine } from '../../../src/engine/engine.ts';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { putResourceGroup } from '../../../src/lifecycle/azure/resource-group.ts';
import { putVirtualNetwork } from '../../../src/lifecycle/azure/vnet.ts';
import { putVirtualNetworkGateway } from '../../../src/lifecycle/azure/gateway.ts';
import { putExpressRouteCircuit } from '../../../src/lifecycle/azure/circuit.ts';
import { putConnection } from '../../../src/lifecycle/azure/connection.ts';
import * as common from 'oci-common';
import * as core from 'oci-core';
import type { OciClients } from './harness.ts';

const RG = 'rg-fastroute';
const scope = { subscriptionId: DEFAULT_SUBSCRIPTION_ID };

export interface AzureHalf {
  serviceKey: string;
  circuitId: string;
  gatewayId: string;
}

/** Resource group, VNet 10.20.0.0/16 with subnet-workload and GatewaySubnet, ER gateway, circuit at Washington DC. */
export async function createAzureHalf(engine: Engine): Promise<AzureHalf> {
  return engine.mutate('test:azure-half', (tx) => {
    putResourceGroup(tx, scope, RG, { location: 'eastus' });
    const vnet = putVirtualNetwork(tx, scope, RG, 'vnet-azure', {
      location: 'eastus',
      properties: {
        addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
        subnets: [{ name: 'subnet-workload', properties: { addressPrefix: '10.20.10.0/24' } }, { name: 'GatewaySubnet', properties: { addressPrefix: '10.20.255.0/27' } }],
      },
    });
    const gw = putVirtualNetworkGateway(tx, scope, RG, 'ergw', {
      location: 'eastus',
      properties: { gatewayType: 'ExpressRoute', sku: { name: 'Standard', tier: 'Standard' }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: `${vnet.id}/subnets/GatewaySubnet` } } }] },
    });
    const circuit = putExpressRouteCircuit(tx, scope, RG, 'er-oci-azure', {
      location: 'eastus', sku: { tier: 'Standard', family: 'MeteredData' },
      properties: { serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 } },
    });
    return { serviceKey: circuit.properties.serviceKey ?? '', circuitId: circuit.id, gatewayId: gw.id };
  });
}

/** Tutorial step 7: the connection from the ER gateway to the circuit, once the circuit is provisioned. */
export async function connectAzureHalf(engine: Engine, half: AzureHalf): Promise<void> {
  await engine.mutate('test:connection', (tx) => {
    putConnection(tx, scope, RG, 'conn-oci-azure', {
      location: 'eastus',
      properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: half.gatewayId }, peer: { id: half.circuitId } },
    });
  });
}

export interface OciHalf {
  vcn: core.models.Vcn;
  subnet: core.models.Subnet;
  drg: core.models.Drg;
  attachment: core.models.DrgAttachment;
  virtualCircuit: core.models.VirtualCircuit;
}

export async function createOciHalf(c: OciClients, serviceKey: string): Promise<OciHalf> {
  const compartmentId = DEFAULT_TENANCY_ID;
  const waitConfig = { terminationStrategy: new common.MaxTimeTerminationStrategy(60), delayStrategy: new common.FixedTimeDelayStrategy(0.02) };
  const waiters = c.network.createWaiters(c.workRequests, waitConfig);

  // 2.1 VCN and 2.2 subnet
  const vcnId = (await c.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-oci', cidrBlocks: ['10.10.0.0/16'], dnsLabel: 'vcnoci' } })).vcn.id;
  const vcn = (await waiters.forVcn({ vcnId }, core.models.Vcn.LifecycleState.Available))?.vcn;
  if (!vcn) throw new Error('VCN did not become AVAILABLE');
  const subnetId = (await c.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId, displayName: 'subnet-oci', cidrBlock: '10.10.10.0/24', dnsLabel: 'subnetoci' } })).subnet.id;
  const subnet = (await waiters.forSubnet({ subnetId }, core.models.Subnet.LifecycleState.Available))?.subnet;
  if (!subnet) throw new Error('subnet did not become AVAILABLE');

  // 2.3 DRG and 2.4 its VCN attachment
  const drgId = (await c.network.createDrg({ createDrgDetails: { compartmentId, displayName: 'drg-oci' } })).drg.id;
  const drg = (await waiters.forDrg({ drgId }, core.models.Drg.LifecycleState.Available))?.drg;
  if (!drg) throw new Error('DRG did not become AVAILABLE');
  const attachmentId = (await c.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId, displayName: 'vcn-oci-attachment', networkDetails: { type: 'VCN', id: vcnId } } })).drgAttachment.id;
  const attachment = (await waiters.forDrgAttachment({ drgAttachmentId: attachmentId }, core.models.DrgAttachment.LifecycleState.Attached))?.drgAttachment;
  if (!attachment) throw new Error('attachment did not become ATTACHED');

  // 6.1 the route rule sending the VNet's prefix to the DRG
  await c.network.updateRouteTable({
    rtId: vcn.defaultRouteTableId ?? '',
    updateRouteTableDetails: { routeRules: [{ destination: '10.20.0.0/16', destinationType: core.models.RouteRule.DestinationType.CidrBlock, networkEntityId: drgId, description: 'Azure VNet via the interconnect' }] },
  });

  // The FastConnect virtual circuit to Microsoft Azure, keyed with the ER service key.
  const providers = await c.network.listFastConnectProviderServices({ compartmentId });
  const azure = providers.items.find((p) => p.providerName === 'Microsoft Azure');
  if (!azure) throw new Error('no Microsoft Azure provider service');
  const key = await c.network.getFastConnectProviderServiceKey({ providerServiceId: azure.id, providerServiceKeyName: serviceKey });
  const vcId = (await c.network.createVirtualCircuit({
    createVirtualCircuitDetails: {
      compartmentId, displayName: 'vc-oci-azure', type: core.models.CreateVirtualCircuitDetails.Type.Private,
      bandwidthShapeName: key.fastConnectProviderServiceKey.bandwidthShapeName ?? '1 Gbps', gatewayId: drgId,
      providerServiceId: azure.id, providerServiceKeyName: serviceKey,
      crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30', oracleBgpPeeringIp: '10.99.0.1/30' }, { customerBgpPeeringIp: '10.99.0.6/30', oracleBgpPeeringIp: '10.99.0.5/30' }],
    },
  })).virtualCircuit.id ?? '';
  const virtualCircuit = (await waiters.forVirtualCircuit({ virtualCircuitId: vcId }, core.models.VirtualCircuit.LifecycleState.Provisioned))?.virtualCircuit;
  if (!virtualCircuit) throw new Error('virtual circuit did not become PROVISIONED');
  return { vcn, subnet, drg, attachment, virtualCircuit };
}
