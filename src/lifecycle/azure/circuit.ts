// ExpressRoute circuits with the partner model: creating one with provider "Oracle Cloud
// FastConnect" yields a service key and waits, NotProvisioned/Enabled, for OCI to provision it.
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { CircuitSkuFamily, CircuitSkuTier, ExpressRouteCircuit, ExpressRouteCircuitAuthorization, ExpressRouteCircuitPeering } from '../../model/azure/expressroute.ts';
import { EXPRESS_ROUTE_SERVICE_PROVIDERS, findErProvider } from '../../model/interconnect/providers.ts';
import { ORACLE_ER_PROVIDER_NAME } from '../../model/interconnect/providers.ts';
import { checkPeeringFields, putCustomerPeering } from './circuit-customer-peering.ts';
import { checkName, missingProperty } from '../../model/validate/azure.ts';
import { etag, getArm, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';
import { connectionsOf } from '../interconnect/handshake.ts';
import { refreshSessionsForCircuit } from '../interconnect/sessions.ts';

export type CircuitBody = ArmBody<{
  serviceProviderProperties?: { serviceProviderName?: string; peeringLocation?: string; bandwidthInMbps?: number };
  allowClassicOperations?: boolean;
  globalReachEnabled?: boolean;
}> & { sku?: { name?: string; tier?: string; family?: string } };

const TIERS: readonly CircuitSkuTier[] = ['Standard', 'Premium', 'Basic', 'Local'];
const FAMILIES: readonly CircuitSkuFamily[] = ['MeteredData', 'UnlimitedData'];

/** ARM names a circuit's SKU `{tier}_{family}`; a name that says otherwise is refused, not silently replaced (docs/error-code-sources.md, row 30b). */
function parseSku(sku: CircuitBody['sku'], id: string): { name: string; tier: CircuitSkuTier; family: CircuitSkuFamily } {
  const [nameTier, nameFamily] = (sku?.name ?? '').split('_');
  const tier = TIERS.find((t) => t.toLowerCase() === (sku?.tier ?? nameTier ?? '').toLowerCase());
  const family = FAMILIES.find((f) => f.toLowerCase() === (sku?.family ?? nameFamily ?? '').toLowerCase());
  const invalidName = () => arm.badRequest('InvalidCircuitSku', `ExpressRoute circuit Sku specified is not valid for circuit ${id}: sku.name '${sku?.name ?? ''}' must be '{tier}_{family}' with tier ${TIERS.join(', ')} and family ${FAMILIES.join(', ')}.`, 'sku.name');
  if (!tier || !family) throw sku?.name === undefined ? missingProperty('sku (tier and family)', id) : invalidName();
  const name = `${tier}_${family}`;
  if (sku?.name !== undefined && sku.name.toLowerCase() !== name.toLowerCase()) throw invalidName();
  return { name, tier, family };
}

export function putExpressRouteCircuit(tx: Tx, scope: AzureScope, rgName: string, name: string, body: CircuitBody): ExpressRouteCircuit {
  const existing = tx.get('azure.ExpressRouteCircuit', armNetworkId(scope.subscriptionId, rgName, 'expressRouteCircuits', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/expressRouteCircuits', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'expressRouteCircuits', name);
  const sku = parseSku(body.sku ?? existing?.sku, id);
  const spp = body.properties?.serviceProviderProperties ?? existing?.properties.serviceProviderProperties;
  if (!spp?.serviceProviderName) throw missingProperty('properties.serviceProviderProperties.serviceProviderName', id);
  const provider = findErProvider(spp.serviceProviderName);
  // Azure's other providers exist but FastRoute does not model them: the message says which it does.
  if (!provider) throw arm.badRequest('ExpressRouteServiceProviderNotFound', `ExpressRoute service provider '${spp.serviceProviderName}' was not found. FastRoute models ${EXPRESS_ROUTE_SERVICE_PROVIDERS.map((p) => `'${p.name}'`).join(' and ')} (expressRouteServiceProviders lists them).`, 'properties.serviceProviderProperties.serviceProviderName');
  const location_ = provider.peeringLocations.find((l) => l.toLowerCase() === (spp.peeringLocation ?? '').toLowerCase());
  if (!location_) throw arm.badRequest('InvalidPeeringLocation', `Peering location '${spp.peeringLocation ?? ''}' is not offered by service provider '${provider.name}'.`);
  const bandwidth = spp.bandwidthInMbps;
  if (bandwidth === undefined || !provider.bandwidthsOffered.some((b) => b.valueInMbps === bandwidth)) {
    throw arm.badRequest('InvalidBandwidth', `Bandwidth ${bandwidth ?? '(none)'} Mbps is not offered by service provider '${provider.name}' at '${location_}'.`);
  }
  if (sku.tier === 'Local' && bandwidth < 1000) throw arm.badRequest('InvalidBandwidth', 'ExpressRoute Local circuits require a bandwidth of 1 Gbps or more.');
  if (existing) {
    const was = existing.properties.serviceProviderProperties;
    const locked = existing.properties.serviceProviderProvisioningState !== 'NotProvisioned';
    if (bandwidth < was.bandwidthInMbps) throw arm.badRequest('CircuitBandwidthDecreaseNotAllowed', `Downgrading the bandwidth of circuit ${name} from ${was.bandwidthInMbps} to ${bandwidth} Mbps is not supported. Create a new circuit with the lower bandwidth.`);
    if (locked && (was.serviceProviderName !== provider.name || was.peeringLocation !== location_)) {
      throw arm.badRequest('CannotChangeProviderOrLocation', `The service provider and peering location of circuit ${name} cannot change while it is ${existing.properties.serviceProviderProvisioningState}.`);
    }
    if (existing.sku.family === 'UnlimitedData' && sku.family === 'MeteredData') throw arm.badRequest('CircuitSkuFamilyDowngradeNotAllowed', 'A circuit cannot move from UnlimitedData back to MeteredData.');
  }
  const circuit: ExpressRouteCircuit = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/expressRouteCircuits', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx), sku,
    properties: {
      serviceProviderProperties: { serviceProviderName: provider.name, peeringLocation: location_, bandwidthInMbps: bandwidth },
      serviceKey: existing?.properties.serviceKey ?? tx.ctx.ids.guid(),
      ...(existing?.properties.serviceProviderNotes === undefined ? {} : { serviceProviderNotes: existing.properties.serviceProviderNotes }),
      serviceProviderProvisioningState: existing?.properties.serviceProviderProvisioningState ?? 'NotProvisioned',
      circuitProvisioningState: 'Enabled',
      allowClassicOperations: body.properties?.allowClassicOperations ?? false,
      globalReachEnabled: body.properties?.globalReachEnabled ?? false,
      gatewayManagerEtag: '', stag: existing?.properties.stag ?? 1 + (parseInt(tx.ctx.ids.guid().slice(0, 4), 16) % 4094),
      provisioningState: existing?.properties.provisioningState === 'Failed' ? 'Failed' : 'Updating',
    },
    fr: meta(scope, rg),
  };
  tx.put('azure.ExpressRouteCircuit', circuit);
  if (circuit.properties.provisioningState !== 'Failed') scheduleArmSucceeded(tx, 'azure.ExpressRouteCircuit', id);
  return circuit;
}

export function deleteExpressRouteCircuit(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const circuit = getArm(tx, scope, 'azure.ExpressRouteCircuit', rgName, 'expressRouteCircuits', name);
  const state = circuit.properties.serviceProviderProvisioningState;
  // NRP accepts the DELETE and fails its operation (docs/error-code-sources.md #7); SDK pollers rely on that.
  if (state !== 'NotProvisioned') {
    throw arm.operationFailure(409, 'ConflictError', 'The specified dedicated circuit is not in Deprovisioned state. Please initiate the deprovisioning process with your service provider.');
  }
  const conns = connectionsOf(tx, circuit.id);
  if (conns.length > 0) throw arm.badRequest('CircuitInUse', `Circuit ${circuit.name} is linked by the connection(s) ${conns.map((c) => c.id).join(', ')}; delete them first.`);
  for (const kind of ['azure.ExpressRouteCircuitPeering', 'azure.ExpressRouteCircuitAuthorization'] as const) for (const c of tx.children(kind, circuit.id)) tx.remove(kind, c.id);
  armDelete(tx, 'azure.ExpressRouteCircuit', circuit.id);
}

export interface PeeringBody {
  properties?: { peeringType?: string; state?: 'Enabled' | 'Disabled'; peerASN?: number; primaryPeerAddressPrefix?: string; secondaryPeerAddressPrefix?: string; vlanId?: number; sharedKey?: string };
}

/**
 * The customer's AzurePrivatePeering: configured by the customer on a Layer 2 provider's circuit
 * (circuit-customer-peering.ts), or changes to the one Oracle's provider created on an Oracle circuit
 * (e.g. Disable/Enable to reset it).
 */
export function putPeering(tx: Tx, scope: AzureScope, rgName: string, circuitName: string, peeringName: string, body: PeeringBody): ExpressRouteCircuitPeering {
  const circuit = getArm(tx, scope, 'azure.ExpressRouteCircuit', rgName, 'expressRouteCircuits', circuitName);
  const oracle = circuit.properties.serviceProviderProperties.serviceProviderName === ORACLE_ER_PROVIDER_NAME;
  if (peeringName !== 'AzurePrivatePeering') throw arm.badRequest('PeeringTypeNotSupported', `Peering ${peeringName} is not available on circuit ${circuit.name}; FastRoute models AzurePrivatePeering only.`);
  const id = `${circuit.id}/peerings/AzurePrivatePeering`;
  const p = body.properties ?? {};
  if (!oracle) {
    checkPeeringFields(p, id);
    return putCustomerPeering(tx, circuit, id, p);
  }
  // Oracle (a Layer 3 provider) configures the private peering when it provisions the circuit;
  // configuring one ahead of it is not modelled on such a circuit (docs/differences.md).
  if (circuit.properties.serviceProviderProvisioningState !== 'Provisioned') {
    throw arm.badRequest('FeatureNotModelled', `FastRoute does not model a private peering configured before the provider provisions the circuit for a Layer 3 provider: ${ORACLE_ER_PROVIDER_NAME} configures AzurePrivatePeering itself when it provisions the circuit (provisioning state '${circuit.properties.serviceProviderProvisioningState}', service key '${circuit.properties.serviceKey}'). The request was not applied. See docs/differences.md.`);
  }
  const existing = tx.get('azure.ExpressRouteCircuitPeering', id);
  checkPeeringFields(p, id);
  if (!existing) throw arm.error(404, 'NotFound', `Resource ${id} not found: the provider has not configured the private peering.`);
  // The provider owns ASN, prefixes and VLAN on a partner circuit: a change must match what it set.
  for (const f of ['peerASN', 'primaryPeerAddressPrefix', 'secondaryPeerAddressPrefix', 'vlanId'] as const) {
    const value = p[f];
    if (value !== undefined && value !== existing.properties[f]) throw arm.badRequest('PeeringConfiguredByServiceProvider', `${f} of AzurePrivatePeering on circuit ${circuit.name} is configured by the service provider (${String(existing.properties[f])}) and cannot be changed.`);
  }
  const peering = tx.update('azure.ExpressRouteCircuitPeering', id, (d) => {
    if (p.state !== undefined) d.properties.state = p.state;
    if (p.sharedKey !== undefined) d.properties.sharedKey = p.sharedKey;
    d.properties.lastModifiedBy = 'Customer';
    d.etag = etag(tx);
  });
  refreshSessionsForCircuit(tx, circuit);
  return peering;
}

export function putAuthorization(tx: Tx, scope: AzureScope, rgName: string, circuitName: string, name: string): ExpressRouteCircuitAuthorization {
  const circuit = getArm(tx, scope, 'azure.ExpressRouteCircuit', rgName, 'expressRouteCircuits', circuitName);
  checkName(name);
  const id = `${circuit.id}/authorizations/${name}`;
  const existing = tx.get('azure.ExpressRouteCircuitAuthorization', id);
  if (existing) return existing;
  const auth: ExpressRouteCircuitAuthorization = {
    id, name, type: 'Microsoft.Network/expressRouteCircuits/authorizations', etag: etag(tx),
    properties: { authorizationKey: tx.ctx.ids.guid(), authorizationUseStatus: 'Available', provisioningState: 'Succeeded' },
    fr: { ...circuit.fr, parentId: circuit.id },
  };
  return tx.put('azure.ExpressRouteCircuitAuthorization', auth);
}

export function deleteAuthorization(tx: Tx, scope: AzureScope, rgName: string, circuitName: string, name: string): void {
  const circuit = getArm(tx, scope, 'azure.ExpressRouteCircuit', rgName, 'expressRouteCircuits', circuitName);
  const auth = tx.get('azure.ExpressRouteCircuitAuthorization', `${circuit.id}/authorizations/${name}`);
  if (!auth) throw arm.error(404, 'NotFound', `Resource ${circuit.id}/authorizations/${name} not found.`);
  if (auth.properties.authorizationUseStatus === 'InUse') throw arm.badRequest('AuthorizationInUse', `Authorization ${name} is in use by ${auth.properties.connectionResourceUri ?? 'a connection'}; delete the connection first.`);
  tx.remove('azure.ExpressRouteCircuitAuthorization', auth.id);
}
