// ARM stores every property of a resource body it accepts and returns it on GET, whether or not
// FastRoute models its effect (a VNet's `encryption`, a subnet's `delegations`, a NIC's
// `disableTcpStateTracking`…). The lifecycle keeps what it models; the rest of the body is kept here,
// in the entity's bookkeeping (`fr.requested`), and merged under the modelled values on read, so
// a modelled or computed value always wins (docs/differences.md, "Properties stored, not modelled").
import type { Tx } from '../../model/tx.ts';
import type { Kind } from '../../model/world.ts';

type Json = Record<string, unknown>;

export interface Requested {
  /** Envelope fields beyond location/tags/properties (sku, zones, extendedLocation…). */
  top?: Json;
  properties?: Json;
}

/** Child resources sent inline in a parent's body and stored as their own entities (path segment = field). */
export const INLINE_CHILDREN: Partial<Record<Kind, [string, Kind][]>> = {
  'azure.VirtualNetwork': [['subnets', 'azure.Subnet']],
  'azure.NetworkSecurityGroup': [['securityRules', 'azure.SecurityRule']],
  'azure.RouteTable': [['routes', 'azure.Route']],
  'azure.ExpressRouteCircuit': [['peerings', 'azure.ExpressRouteCircuitPeering'], ['authorizations', 'azure.ExpressRouteCircuitAuthorization']],
};

const ENVELOPE = new Set(['id', 'name', 'type', 'etag', 'location', 'tags', 'properties']);

// Read-only values ARM computes (ignored in a request, as ARM ignores them): a GET-modify-PUT must
// not freeze a stale copy of them. Inline children are stored as entities, not here.
const COMMON_READ_ONLY = ['provisioningState', 'resourceGuid'];
const READ_ONLY: Partial<Record<Kind, string[]>> = {
  'azure.VirtualNetwork': ['subnets', 'virtualNetworkPeerings', 'flowLogs'],
  'azure.Subnet': ['ipConfigurations', 'ipConfigurationProfiles', 'privateEndpoints', 'serviceAssociationLinks', 'resourceNavigationLinks', 'purpose'],
  'azure.NetworkSecurityGroup': ['securityRules', 'defaultSecurityRules', 'subnets', 'networkInterfaces', 'flowLogs'],
  'azure.RouteTable': ['routes', 'subnets'],
  'azure.NetworkInterface': ['virtualMachine', 'macAddress', 'primary', 'privateEndpoint', 'hostedWorkloads', 'vnetEncryptionSupported', 'dscpConfiguration'],
  'azure.PublicIPAddress': ['ipAddress', 'ipConfiguration'],
  'azure.ExpressRouteCircuit': ['peerings', 'authorizations', 'serviceKey', 'serviceProviderProvisioningState', 'circuitProvisioningState', 'stag', 'gatewayManagerEtag', 'serviceProviderNotes'],
  'azure.ExpressRouteCircuitPeering': ['azureASN', 'primaryAzurePort', 'secondaryAzurePort', 'lastModifiedBy', 'stats', 'connections', 'peeredConnections', 'expressRouteConnection'],
  'azure.ExpressRouteCircuitAuthorization': ['authorizationKey', 'authorizationUseStatus'],
  'azure.Connection': ['connectionStatus', 'tunnelConnectionStatus', 'egressBytesTransferred', 'ingressBytesTransferred'],
};

// Secrets ARM accepts but never returns (a VM's admin password, custom data).
const SECRETS = new Set(['adminPassword', 'customData', 'protectedSettings']);

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What ARM keeps of a value: no secrets, and no null properties (NRP reads a null as "not given" and never returns one). */
export function storable(v: unknown, depth = 0): unknown {
  if (depth > 32) return v;
  if (Array.isArray(v)) return v.map((x) => storable(x, depth + 1));
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k, x]) => !SECRETS.has(k) && x !== null).map(([k, x]) => [k, storable(x, depth + 1)]));
}

/** What of a raw body is kept for echoing: everything but the envelope ARM rebuilds and the read-only values. */
export function requestedOf(kind: Kind, body: unknown): Requested {
  const raw = storable(body);
  if (!isObject(raw)) return {};
  const top = Object.fromEntries(Object.entries(raw).filter(([k]) => !ENVELOPE.has(k)));
  const skip = new Set([...COMMON_READ_ONLY, ...(READ_ONLY[kind] ?? [])]);
  const props = isObject(raw.properties) ? Object.fromEntries(Object.entries(raw.properties).filter(([k]) => !skip.has(k))) : {};
  return { ...(Object.keys(top).length ? { top } : {}), ...(Object.keys(props).length ? { properties: props } : {}) };
}

function nameOf(v: unknown): string | undefined {
  return isObject(v) && typeof v.name === 'string' ? v.name.toLowerCase() : undefined;
}

/** The requested value with the modelled one laid over it: objects key by key, lists of named items by name, else by position. */
function overlay(requested: unknown, modelled: unknown, depth = 0): unknown {
  if (modelled === undefined) return requested;
  if (depth > 32) return modelled;
  if (isObject(requested) && isObject(modelled)) {
    const out: Json = { ...requested };
    for (const [k, v] of Object.entries(modelled)) out[k] = overlay(requested[k], v, depth + 1);
    return out;
  }
  if (Array.isArray(requested) && Array.isArray(modelled)) {
    const asked = requested as unknown[];
    return (modelled as unknown[]).map((m, i) => {
      const name = nameOf(m);
      const match = name === undefined ? asked[i] : asked.find((r) => nameOf(r) === name);
      return match === undefined ? m : overlay(match, m, depth + 1);
    });
  }
  return modelled;
}

/** A presented resource with what its last PUT asked for merged under it. */
export function withRequested(presented: Json, requested: Requested | undefined): Json {
  if (requested === undefined) return presented;
  const out = overlay(requested.top ?? {}, presented) as Json;
  if (requested.properties !== undefined && isObject(presented.properties)) out.properties = overlay(requested.properties, presented.properties);
  return out;
}

function keep(tx: Tx, kind: Kind, id: string, requested: Requested): void {
  if (!tx.get(kind, id)) return;
  tx.update(kind, id, (d) => {
    const fr = (d as unknown as { fr: { requested?: Requested } }).fr;
    fr.requested = requested;
  });
}

/** Stores what a PUT body asked for on the resource it wrote, and on each child it sent inline. */
export function rememberRequested(tx: Tx, kind: Kind, id: string, raw: unknown): void {
  keep(tx, kind, id, requestedOf(kind, raw));
  const props = isObject(raw) && isObject(raw.properties) ? raw.properties : {};
  for (const [field, childKind] of INLINE_CHILDREN[kind] ?? []) {
    const list = props[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (isObject(item) && typeof item.name === 'string') keep(tx, childKind, `${id}/${field}/${item.name}`, requestedOf(childKind, item));
    }
  }
}

/** The stored request of an entity, if any. */
export function requestedFor(e: unknown): Requested | undefined {
  return (e as { fr?: { requested?: Requested } }).fr?.requested;
}
