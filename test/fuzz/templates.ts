// Valid bodies for the endpoints that create or change what matters most (VCNs, subnets, rules,
// VNets, NSGs, routes, public IPs, circuits, the clock), so that mutating one field at a time
// reaches the validators behind the schema: a wrong type, a hostile string, a dropped field, an
// unknown one. Keyed by endpoint ("server METHOD path", as routes.ts lists them).
import fc from 'fast-check';
import { cidr, text } from './arbitraries.ts';
import { FUZZ_TENANCY } from './targets.ts';

type Ids = Record<string, string[] | undefined>;
const first = (ids: Ids, name: string): string => ids[name]?.[0] ?? 'missing';

const ARM_RG = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network';

export function templates(oci: Ids, arm: Ids): Record<string, unknown> {
  const compartmentId = FUZZ_TENANCY;
  const vcnId = first(oci, 'vcnId');
  const nsgRule = { direction: 'INGRESS', protocol: '6', source: '10.0.0.0/16', sourceType: 'CIDR_BLOCK', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } };
  const subnetId = `/subscriptions/${first(arm, 'subscriptionId')}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sub`;
  return {
    'oci POST /20160918/vcns': { compartmentId, cidrBlocks: ['10.50.0.0/16'], displayName: 'm', dnsLabel: 'm1', freeformTags: { a: 'b' } },
    'oci PUT /20160918/vcns/{vcnId}': { displayName: 'x', freeformTags: { a: 'b' } },
    'oci POST /20160918/vcns/{vcnId}/actions/addCidr': { cidrBlock: '10.51.0.0/16' },
    'oci POST /20160918/subnets': { compartmentId, vcnId, cidrBlock: '10.0.7.0/24', displayName: 's', prohibitPublicIpOnVnic: false, routeTableId: first(oci, 'rtId') },
    'oci POST /20160918/routeTables': { compartmentId, vcnId, routeRules: [{ destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', networkEntityId: first(oci, 'igId') }] },
    'oci PUT /20160918/routeTables/{rtId}': { routeRules: [{ destination: '10.8.0.0/16', destinationType: 'CIDR_BLOCK', networkEntityId: first(oci, 'natGatewayId') }] },
    'oci POST /20160918/securityLists': { compartmentId, vcnId, ingressSecurityRules: [{ source: '10.0.0.0/16', protocol: '6', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }], egressSecurityRules: [{ destination: '0.0.0.0/0', protocol: 'all' }] },
    'oci POST /20160918/networkSecurityGroups/{networkSecurityGroupId}/actions/addSecurityRules': { securityRules: [nsgRule] },
    'oci POST /20160918/drgRouteTables/{drgRouteTableId}/actions/addDrgRouteRules': { routeRules: [{ destination: '10.70.0.0/16', destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: first(oci, 'drgAttachmentId') }] },
    'oci POST /20160918/drgs': { compartmentId, displayName: 'd' },
    'oci POST /20160918/dhcps': { compartmentId, vcnId, options: [{ type: 'DomainNameServer', serverType: 'CustomDnsServer', customDnsServers: ['10.0.0.2'] }] },
    'arm PUT /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}': { location: 'eastus', tags: { a: 'b' } },
    [`arm PUT ${ARM_RG}/virtualNetworks/{virtualNetworkName}`]: { location: 'eastus', tags: { a: 'b' }, properties: { addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [{ name: 'sub', properties: { addressPrefix: '10.1.1.0/24' } }] } },
    [`arm PUT ${ARM_RG}/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}`]: { properties: { addressPrefix: '10.1.1.0/24' } },
    [`arm PUT ${ARM_RG}/networkSecurityGroups/{networkSecurityGroupName}`]: { location: 'eastus', properties: { securityRules: [{ name: 'rule', properties: { access: 'Allow', direction: 'Inbound', priority: 100, protocol: 'Tcp', sourceAddressPrefix: '*', destinationAddressPrefix: '10.0.0.0/8', sourcePortRange: '*', destinationPortRange: '22' } }] } },
    [`arm PUT ${ARM_RG}/routeTables/{routeTableName}`]: { location: 'eastus', properties: { disableBgpRoutePropagation: false, routes: [{ name: 'r', properties: { addressPrefix: '10.9.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.1.1.4' } }] } },
    [`arm PUT ${ARM_RG}/routeTables/{routeTableName}/routes/{routeName}`]: { properties: { addressPrefix: '10.9.0.0/16', nextHopType: 'None' } },
    [`arm PUT ${ARM_RG}/publicIPAddresses/{publicIpAddressName}`]: { location: 'eastus', sku: { name: 'Standard', tier: 'Regional' }, properties: { publicIPAllocationMethod: 'Static' } },
    [`arm PUT ${ARM_RG}/networkInterfaces/{networkInterfaceName}`]: { location: 'eastus', properties: { ipConfigurations: [{ name: 'ip', properties: { subnet: { id: subnetId }, privateIPAllocationMethod: 'Dynamic' } }] } },
    [`arm PUT ${ARM_RG}/expressRouteCircuits/{circuitName}`]: { location: 'eastus', sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' }, properties: { serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 } } },
    'admin PUT /fastroute/v1/clock': { mode: 'realistic', scale: 0.5 },
    'admin POST /fastroute/v1/clock/advance': { seconds: 10 },
    'admin POST /fastroute/v1/trace': { from: 'oci:10.0.1.5', to: 'azure:10.1.1.4', protocol: 'tcp', port: 22 },
  };
}

/** What replaces one field: a hostile string, a CIDR, an odd number, another type, or a huge or deep value. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  text, cidr,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}, [null], { $ref: '#' }, 'x'.repeat(70_000), '\uD800'.repeat(300)),
  fc.integer({ min: 2, max: 3000 }).map((n) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown),
);

type Leaf = (string | number)[];

function leaves(value: unknown, at: Leaf = []): Leaf[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => leaves(v, [...at, i]))];
  if (typeof value === 'object' && value !== null) return [at, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]))];
  return [at];
}

function replaced(value: unknown, at: Leaf, by: (old: unknown) => unknown): unknown {
  if (at.length === 0) return by(value);
  const [head, ...rest] = at;
  const copy: unknown = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const holder = copy as Record<string | number, unknown>;
  if (head === undefined) return copy;
  const next = replaced(holder[head], rest, by);
  if (next === undefined) Reflect.deleteProperty(holder, head);
  else holder[head] = next;
  return copy;
}

/** The template with one field replaced, dropped, or joined by an unknown one; as request text. */
export function mutated(template: unknown): fc.Arbitrary<string> {
  const paths = leaves(template).filter((p) => p.length > 0);
  return fc.tuple(fc.constantFrom(...paths), fc.oneof({ weight: 6, arbitrary: hostileValue.map((v) => ({ set: v })) }, { weight: 1, arbitrary: fc.constant({ drop: true }) }, { weight: 1, arbitrary: text.map((k) => ({ add: k })) }))
    .map(([at, change]) => JSON.stringify(replaced(template, at, (old) => {
      if ('drop' in change) return undefined;
      if ('add' in change) return typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, [change.add]: 'x' } : old;
      return change.set;
    })));
}
