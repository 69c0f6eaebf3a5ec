// Display names for OCIDs the topology does not draw (route tables, attachments, security lists…),
// so findings read "rt-drg-vc" rather than an id. The OCID's type word names the kind to list.
import { getResources } from '../api/admin.ts';
import { useAsync } from './useAsync.ts';

const KIND_OF_OCID: Record<string, string> = {
  routetable: 'oci.RouteTable',
  drgroutetable: 'oci.DrgRouteTable',
  drgattachment: 'oci.DrgAttachment',
  drgroutedistribution: 'oci.DrgRouteDistribution',
  securitylist: 'oci.SecurityList',
  networksecuritygroup: 'oci.NetworkSecurityGroup',
  privateip: 'oci.PrivateIp',
};

export function ocidKind(id: string): string | undefined {
  const type = /^ocid1\.([a-z]+)\./.exec(id)?.[1];
  return type === undefined ? undefined : KIND_OF_OCID[type];
}

interface Named { id?: unknown; displayName?: unknown; ipAddress?: unknown }

/** id → display name for the given ids (only kinds in the table above are looked up). */
export function useResourceNames(ids: readonly string[], tick: number): Map<string, string> {
  const kinds = [...new Set(ids.map(ocidKind).filter((k): k is string => k !== undefined))].sort();
  const state = useAsync(async () => {
    const names = new Map<string, string>();
    await Promise.all(kinds.map(async (kind) => {
      const r = await getResources(kind).catch(() => undefined);
      for (const item of (r?.items ?? []) as Named[]) {
        const name = typeof item.displayName === 'string' ? item.displayName : typeof item.ipAddress === 'string' ? item.ipAddress : undefined;
        if (typeof item.id === 'string' && name !== undefined) names.set(item.id, name);
      }
    }));
    return names;
  }, [kinds.join(','), tick]);
  return state.data ?? new Map<string, string>();
}
