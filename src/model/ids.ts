// Identifier shapes. Randomness is injected (IdSource) so the pure layers stay deterministic in tests.
import { createHash } from 'node:crypto';

export interface IdSource {
  /** `count` random characters from OCI's OCID alphabet (lower-case base32). */
  randomChars(count: number): string;
  /** A random RFC 4122 v4 GUID, lower case. */
  guid(): string;
}

/** OCI region id → the short code OCIDs carry ("us-ashburn-1" → "iad"). */
export const OCI_REGION_KEYS: Readonly<Record<string, string>> = {
  'ap-tokyo-1': 'nrt', 'ap-singapore-1': 'sin', 'ap-seoul-1': 'icn', 'eu-frankfurt-1': 'fra',
  'eu-amsterdam-1': 'ams', 'uk-london-1': 'lhr', 'af-johannesburg-1': 'jnb', 'sa-vinhedo-1': 'vcp',
  'ca-toronto-1': 'yyz', 'us-ashburn-1': 'iad', 'us-phoenix-1': 'phx', 'us-sanjose-1': 'sjc',
};

export function ocid(ids: IdSource, resourceType: string, region: string | undefined): string {
  const regionKey = region === undefined ? '' : (OCI_REGION_KEYS[region] ?? region);
  return `ocid1.${resourceType}.oc1.${regionKey}.aaaaaaaa${ids.randomChars(52)}`;
}

/**
 * 52 OCID characters derived from a seed: the same seed always gives the same id (fixed
 * catalogue entries such as ADs and platform images), in OCI's base32 alphabet (a-z, 2-7).
 */
export function stableOcidBody(seed: string): string {
  const hash = createHash('sha256').update(seed).digest('hex');
  return (hash + hash).slice(0, 52).replace(/[0-9]/g, (d) => 'abcdefghij'.charAt(Number(d)));
}

export function tenancyOcid(ids: IdSource): string {
  return `ocid1.tenancy.oc1..aaaaaaaa${ids.randomChars(52)}`;
}

const FOLDED = new Map<string, string>();

/**
 * ARM ids are case-insensitive; the world keys Azure resources by this folded form. Folding is
 * cached (ids are long and looked up on every trace hop); the cache is bounded.
 */
export function armKey(id: string): string {
  let folded = FOLDED.get(id);
  if (folded === undefined) {
    folded = id.toLowerCase();
    if (FOLDED.size > 500_000) FOLDED.clear();
    FOLDED.set(id, folded);
  }
  return folded;
}

export function armResourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

export function armNetworkId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  return `${armResourceGroupId(subscriptionId, resourceGroup)}/providers/Microsoft.Network/${type}/${name}`;
}

export function armComputeId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  return `${armResourceGroupId(subscriptionId, resourceGroup)}/providers/Microsoft.Compute/${type}/${name}`;
}

/** Splits an ARM resource id into its subscription, resource group and trailing name. */
export function parseArmId(id: string): { subscriptionId: string; resourceGroup: string; name: string } | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)(?:\/.*)?\/([^/]+)$/i.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1] ?? '', resourceGroup: m[2] ?? '', name: m[3] ?? '' };
}
