// The interconnects of a lab: each ExpressRoute circuit, then the FastConnect virtual circuit keyed
// with its service key (phase 1); the ExpressRoute connection once the provider has provisioned the
// circuit (phase 2), exactly the order the tutorial and Microsoft's Terraform follow.
import type { Tx } from '../model/tx.ts';
import type { ReadView } from '../model/world.ts';
import type { Lab } from './schema.ts';
import { bgpPeerAddresses } from './schema.ts';
import { LAB_TAG, type LabIds } from './names.ts';
import { fastConnectProviderServices, AZURE_PROVIDER_NAME } from '../model/interconnect/providers.ts';
import { putExpressRouteCircuit } from '../lifecycle/azure/circuit.ts';
import { putConnection } from '../lifecycle/azure/connection.ts';
import { createVirtualCircuit, virtualCircuitAttachment } from '../lifecycle/oci/virtual-circuit.ts';
import { removeExportDrgRouteDistribution, updateDrgAttachment } from '../lifecycle/oci/drg-attachment.ts';
import { ensureCompartment } from '../lifecycle/oci/compartment.ts';
import { ociLabScope } from './apply-oci.ts';
import { K } from './names.ts';
import { A, azureLabScope } from './apply-azure.ts';

export function applyInterconnects(tx: Tx, lab: Lab, ids: LabIds): void {
  const az = azureLabScope(lab);
  for (const ic of lab.interconnects) {
    const c = ic.circuit;
    const circuit = putExpressRouteCircuit(tx, az, lab.azure.resourceGroup, c.name, {
      location: c.location ?? lab.azure.location, tags: { [LAB_TAG]: lab.name },
      sku: { tier: c.skuTier, family: c.skuFamily },
      properties: { serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: c.peeringLocation, bandwidthInMbps: c.bandwidthMbps } },
    });
    ids.set(A.circuit(c.name), circuit.id);
    const v = ic.virtualCircuit;
    const scope = { ...ociLabScope(lab), region: v.region ?? lab.oci.region };
    const compartmentId = ensureCompartment(tx, scope, lab.oci.compartment).id;
    const service = fastConnectProviderServices(scope.region).find((s) => s.providerName === AZURE_PROVIDER_NAME);
    const mapping = (peer: typeof v.primary) => {
      const a = bgpPeerAddresses(peer);
      return { customerBgpPeeringIp: a.customer, ...(a.oracle === undefined ? {} : { oracleBgpPeeringIp: a.oracle }) };
    };
    const vc = createVirtualCircuit(tx, scope, {
      compartmentId, displayName: v.name, freeformTags: { [LAB_TAG]: lab.name }, type: 'PRIVATE', bandwidthShapeName: v.bandwidth,
      gatewayId: ids.get(K.drg(v.drg)), ...(service ? { providerServiceId: service.id } : {}), providerServiceKeyName: circuit.properties.serviceKey,
      crossConnectMappings: [mapping(v.primary), mapping(v.secondary)],
      ...(v.mtu === undefined ? {} : { ipMtu: v.mtu === 9000 ? 'MTU_9000' as const : 'MTU_1500' as const }),
      ...(v.bfd === undefined ? {} : { isBfdEnabled: v.bfd }),
    });
    ids.set(K.virtualCircuit(v.name), vc.id);
    const attachment = virtualCircuitAttachment(tx, vc.id);
    if (attachment) {
      ids.set(`oci.vcAttachment/${v.name}`, attachment.id);
      if (v.drgRouteTable !== undefined) updateDrgAttachment(tx, scope, attachment.id, { drgRouteTableId: ids.get(K.drgRouteTable(v.drg, v.drgRouteTable)) });
      if (v.export === false) removeExportDrgRouteDistribution(tx, scope, attachment.id);
    }
  }
}

/** Creates the connections that can be created now; returns the interconnects still waiting. */
export function applyConnections(tx: Tx, lab: Lab): { created: number; waiting: string[] } {
  const az = azureLabScope(lab);
  const rg = lab.azure.resourceGroup;
  let created = 0;
  const waiting: string[] = [];
  for (const ic of lab.interconnects) {
    const conn = ic.connection;
    if (!conn) continue;
    const gatewayId = tx.list('azure.VirtualNetworkGateway').find((g) => g.name === conn.gateway && g.fr.resourceGroup.toLowerCase() === rg.toLowerCase() && g.fr.subscriptionId === az.subscriptionId);
    const circuit = tx.list('azure.ExpressRouteCircuit').find((c) => c.name === ic.circuit.name && c.fr.resourceGroup.toLowerCase() === rg.toLowerCase() && c.fr.subscriptionId === az.subscriptionId);
    if (!gatewayId || !circuit) continue;
    if (labConnection(tx, rg, conn.name)) continue;
    if (circuit.properties.serviceProviderProvisioningState !== 'Provisioned' || gatewayId.properties.provisioningState !== 'Succeeded') {
      waiting.push(ic.name);
      continue;
    }
    putConnection(tx, az, rg, conn.name, {
      location: lab.azure.location, tags: { [LAB_TAG]: lab.name },
      properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId.id }, peer: { id: circuit.id }, routingWeight: conn.routingWeight, expressRouteGatewayBypass: conn.fastPath },
    });
    created++;
  }
  return { created, waiting };
}

function labConnection(view: ReadView, resourceGroup: string, name: string) {
  return view.list('azure.Connection').find((c) => c.name === name && c.fr.resourceGroup.toLowerCase() === resourceGroup.toLowerCase());
}

/**
 * The interconnects whose ExpressRoute connection does not exist yet. Phase 1 is one commit, so a
 * lab that is present with connections missing was cut off between the phases (a kill, a timeout
 * or a clock that stopped): `up` again finishes it.
 */
export function missingConnections(view: ReadView, lab: Lab): string[] {
  return lab.interconnects.filter((ic) => ic.connection !== undefined && !labConnection(view, lab.azure.resourceGroup, ic.connection.name)).map((ic) => ic.name);
}
