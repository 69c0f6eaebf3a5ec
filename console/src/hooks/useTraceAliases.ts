// Trace hops often name resources the topology does not draw: a VCN route table, a DRG route
// table, a security list. This maps each of those ids to the drawn node it belongs to (its VCN or
// DRG), so a trace that drops at a DRG route table still ends at the DRG on the drawing.
import { getResources } from '../api/admin.ts';
import { useAsync } from './useAsync.ts';

const OWNERS: { kind: string; owner: string }[] = [
  { kind: 'oci.RouteTable', owner: 'vcnId' },
  { kind: 'oci.SecurityList', owner: 'vcnId' },
  { kind: 'oci.NetworkSecurityGroup', owner: 'vcnId' },
  { kind: 'oci.DrgRouteTable', owner: 'drgId' },
  { kind: 'oci.DrgAttachment', owner: 'drgId' },
];

export function useTraceAliases(tick: number): ReadonlyMap<string, string> {
  const state = useAsync(async () => {
    const out = new Map<string, string>();
    await Promise.all(OWNERS.map(async ({ kind, owner }) => {
      const r = await getResources(kind).catch(() => undefined);
      for (const item of (r?.items ?? []) as Record<string, unknown>[]) {
        const id = item.id;
        const to = item[owner];
        if (typeof id === 'string' && typeof to === 'string') out.set(id, to);
      }
    }));
    return out;
  }, [tick]);
  return state.data ?? new Map<string, string>();
}
