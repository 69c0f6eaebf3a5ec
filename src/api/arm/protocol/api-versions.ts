// The api-versions ARM accepts, per resource type, and ARM's refusal of any other. Resource
// providers answer an unknown version with 400 NoRegisteredProviderFound naming the type's registered
// versions; ARM's own types (Microsoft.Resources) with 400 InvalidApiVersionParameter. Sources for
// every list are in docs/differences.md ("api-version"); to serve a new resource type, add its
// "Namespace/type" key to API_VERSIONS below (child resources use their top-level type, as ARM does).
import type { CloudError } from '../../../model/errors.ts';
import { armApiError } from './errors.ts';

/** Microsoft.Network: every stable folder of azure-rest-api-specs, plus the older versions ARM still registers. */
const NETWORK = [
  '2014-12-01-preview', '2015-05-01-preview', '2015-06-15', '2016-03-30', '2016-06-01', '2016-07-01', '2016-08-01', '2016-09-01',
  '2016-10-01', '2016-11-01', '2016-12-01', '2017-03-01', '2017-04-01', '2017-06-01', '2017-08-01', '2017-09-01', '2017-10-01',
  '2017-11-01', '2018-01-01', '2018-02-01', '2018-03-01', '2018-04-01', '2018-05-01', '2018-06-01', '2018-07-01', '2018-08-01',
  '2018-10-01', '2018-11-01', '2018-12-01', '2019-02-01', '2019-04-01', '2019-06-01', '2019-07-01', '2019-08-01', '2019-09-01',
  '2019-11-01', '2019-12-01', '2020-03-01', '2020-04-01', '2020-05-01', '2020-06-01', '2020-07-01', '2020-08-01', '2020-11-01',
  '2021-02-01', '2021-03-01', '2021-05-01', '2021-08-01', '2022-01-01', '2022-05-01', '2022-07-01', '2022-09-01', '2022-11-01',
  '2023-02-01', '2023-04-01', '2023-05-01', '2023-06-01', '2023-09-01', '2023-11-01', '2024-01-01', '2024-03-01', '2024-05-01',
  '2024-07-01', '2024-10-01', '2025-01-01', '2025-03-01', '2025-05-01', '2025-07-01',
] as const;

/** Microsoft.Compute virtual machines: the versions ARM lists for them, then the later stable folders. */
const COMPUTE = [
  '2015-05-01-preview', '2015-06-15', '2016-03-30', '2016-04-30-preview', '2016-08-30', '2017-03-30', '2017-12-01', '2018-04-01',
  '2018-06-01', '2018-10-01', '2019-03-01', '2019-07-01', '2019-12-01', '2020-06-01', '2020-12-01', '2021-03-01', '2021-04-01',
  '2021-07-01', '2021-11-01', '2022-03-01', '2022-08-01', '2022-11-01', '2023-03-01', '2023-07-01', '2023-09-01', '2024-03-01',
  '2024-07-01', '2024-11-01', '2025-04-01',
] as const;

/** ARM's own types, newest first as ARM prints them (its odd tail included), plus the later stable folders. */
const RESOURCES = [
  '2026-06-01', '2025-04-01', '2025-03-01', '2024-11-01', '2024-08-01', '2024-07-01', '2024-06-01-preview', '2024-03-01', '2023-07-01',
  '2023-07-01-preview', '2023-03-01-preview', '2022-12-01', '2022-11-01-preview', '2022-09-01', '2022-06-01', '2022-05-01',
  '2022-03-01-preview', '2022-01-01', '2021-04-01', '2021-01-01', '2020-10-01', '2020-09-01', '2020-08-01', '2020-07-01',
  '2020-06-01', '2020-05-01', '2020-01-01', '2019-11-01', '2019-10-01', '2019-09-01', '2019-08-01', '2019-07-01', '2019-06-01',
  '2019-05-10', '2019-05-01', '2019-03-01', '2018-11-01', '2018-09-01', '2018-08-01', '2018-07-01', '2018-06-01', '2018-05-01',
  '2018-02-01', '2018-01-01', '2017-12-01', '2017-08-01', '2017-06-01', '2017-05-10', '2017-05-01', '2017-03-01', '2016-09-01',
  '2016-07-01', '2016-06-01', '2016-02-01', '2015-11-01', '2015-01-01', '2014-04-01-preview', '2014-04-01', '2014-01-01',
  '2013-03-01', '2014-02-26', '2014-04',
] as const;

/** Azure Monitor metrics: az sends 2018-01-01, @azure/arm-monitor 8 sends 2024-02-01. */
const INSIGHTS_METRICS: readonly string[] = ['2017-05-01-preview', '2018-01-01', '2019-07-01', '2021-05-01', '2023-10-01', '2024-02-01'];

/** The versions of `list` from `first` on (a type registered later than its namespace). */
function since(list: readonly string[], first: string): readonly string[] {
  const i = list.indexOf(first);
  if (i < 0) throw new Error(`api-versions: ${first} is not in the namespace's list`);
  return list.slice(i);
}

/**
 * Registered api-versions by resource type ("Namespace/type", ARM's casing). A child resource
 * (virtualNetworks/subnets) is checked against its nearest listed ancestor type.
 */
export const API_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'Microsoft.Resources/subscriptions': RESOURCES,
  'Microsoft.Resources/tenants': RESOURCES,
  'Microsoft.Resources/resourceGroups': RESOURCES,
  'Microsoft.Resources/deployments': RESOURCES,
  'Microsoft.Network/locations/operations': NETWORK,
  'Microsoft.Network/locations/operationResults': NETWORK,
  'Microsoft.Network/virtualNetworks': NETWORK,
  'Microsoft.Network/networkSecurityGroups': NETWORK,
  'Microsoft.Network/networkInterfaces': NETWORK,
  'Microsoft.Network/publicIPAddresses': NETWORK,
  'Microsoft.Network/routeTables': since(NETWORK, '2015-05-01-preview'),
  'Microsoft.Network/virtualNetworkGateways': since(NETWORK, '2015-05-01-preview'),
  'Microsoft.Network/connections': since(NETWORK, '2015-05-01-preview'),
  'Microsoft.Network/expressRouteCircuits': since(NETWORK, '2015-05-01-preview'),
  'Microsoft.Network/expressRouteServiceProviders': since(NETWORK, '2015-05-01-preview'),
  'Microsoft.Network/networkWatchers': since(NETWORK, '2016-09-01'),
  'Microsoft.Compute/virtualMachines': COMPUTE,
  // Azure Monitor's metrics API (docs/metrics.md); [U] the exact registered list.
  'Microsoft.Insights/metrics': INSIGHTS_METRICS,
  'Microsoft.Insights/metricDefinitions': INSIGHTS_METRICS,
};

/** ARM's own namespace: it answers bad versions itself, without a location. */
const ARM_NAMESPACE = 'microsoft.resources';

const TYPE_KEYS = new Map(Object.keys(API_VERSIONS).map((k) => [k.toLowerCase(), k]));

/**
 * The resource type an operation's path addresses: "/subscriptions/{s}/resourceGroups/{rg}/providers/
 * Microsoft.Network/virtualNetworks/{n}/subnets/{m}" → "Microsoft.Network/virtualNetworks/subnets".
 * A "{providerNamespace}" segment takes the request's value. Undefined for paths outside ARM's types.
 */
export function resourceTypeOf(pattern: string, params: Readonly<Record<string, string>>): string | undefined {
  const parts = pattern.split('/').filter((s) => s !== '');
  // The last provider segment names the type: an extension resource ({resource}/providers/Microsoft.Insights/metrics) is Microsoft.Insights'.
  let at = -1;
  parts.forEach((s, i) => {
    if (s.toLowerCase() === 'providers') at = i;
  });
  if (at >= 0) {
    const ns = parts[at + 1];
    if (ns === undefined) return undefined;
    const namespace = /^\{(\w+)\}$/.exec(ns)?.[1];
    const types = parts.slice(at + 2).filter((_s, i) => i % 2 === 0);
    if (types.length === 0) return undefined;
    return [namespace === undefined ? ns : (params[namespace] ?? ns), ...types].join('/');
  }
  const first = parts[0]?.toLowerCase();
  if (first === 'tenants') return 'Microsoft.Resources/tenants';
  if (first !== 'subscriptions') return undefined;
  return parts[2]?.toLowerCase() === 'resourcegroups' ? 'Microsoft.Resources/resourceGroups' : 'Microsoft.Resources/subscriptions';
}

/** The listed type a (possibly nested) type is checked against: itself, else its nearest listed ancestor. */
export function registeredTypeOf(type: string): string | undefined {
  const segments = type.split('/');
  for (let n = segments.length; n >= 2; n--) {
    const key = TYPE_KEYS.get(segments.slice(0, n).join('/').toLowerCase());
    if (key !== undefined) return key;
  }
  return undefined;
}

/** True when ARM would accept `version` for `type` (types FastRoute has no list for are not gated). */
export function isSupportedApiVersion(type: string, version: string): boolean {
  const key = registeredTypeOf(type);
  return key === undefined || (API_VERSIONS[key] ?? []).includes(version);
}

export interface ApiVersionRefusal {
  /** Resource type the request addresses ("Microsoft.Network/virtualNetworks/subnets"). */
  type: string;
  apiVersion: string;
  /** The location ARM would route by (the body's, the URL's, or the resource group's). */
  location: string;
  /** Locations named in the refusal ("The supported locations are …"). */
  locations: readonly string[];
}

/** ARM's error for an api-version the type does not have (call after isSupportedApiVersion said no). */
export function apiVersionRefusal(r: ApiVersionRefusal): CloudError {
  const key = registeredTypeOf(r.type) ?? r.type;
  const versions = API_VERSIONS[key] ?? [];
  const [namespace = '', ...rest] = key.split('/');
  if (namespace.toLowerCase() === ARM_NAMESPACE) return armApiError.invalidApiVersion(r.apiVersion, versions);
  return armApiError.noRegisteredProvider(r.location, r.apiVersion, rest.join('/'), versions, r.locations);
}
