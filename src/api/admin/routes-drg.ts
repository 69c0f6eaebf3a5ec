// A DRG as a routes target: it has several route tables (OCI creates one for VCN attachments and
// one for RPC, VC and IPSec attachments), so the DRG alone names none. `table` picks one: an
// attachment type (vcn, vc, rpc, ipsec: the table its attachments use), a table's display name or
// OCID, or an attachment's name or OCID (the table it uses). Without it, the answer lists the
// tables, each with the `table` value that picks it.
import type { Drg, DrgAttachment, DrgAttachmentType, DrgRouteTable } from '../../model/oci/drg.ts';
import type { ReadView } from '../../model/world.ts';
import { fastroute } from '../../model/errors.ts';
import { AmbiguousTargetError, type RoutesCandidate } from './routes-candidates.ts';

/** The `table` shorthands for attachment types, and the DRG's default table for each (OCI's defaultDrgRouteTables). */
const TYPES: readonly { table: string; type: DrgAttachmentType; words: string; defaultOf: (drg: Drg) => string }[] = [
  { table: 'vcn', type: 'VCN', words: 'VCN attachments', defaultOf: (d) => d.defaultDrgRouteTables.vcn },
  { table: 'vc', type: 'VIRTUAL_CIRCUIT', words: 'virtual circuit attachments', defaultOf: (d) => d.defaultDrgRouteTables.virtualCircuit },
  { table: 'rpc', type: 'REMOTE_PEERING_CONNECTION', words: 'remote peering attachments', defaultOf: (d) => d.defaultDrgRouteTables.remotePeeringConnection },
  { table: 'ipsec', type: 'IPSEC_TUNNEL', words: 'IPSec tunnel attachments', defaultOf: (d) => d.defaultDrgRouteTables.ipsecTunnel },
];

const live = (s: string): boolean => s !== 'TERMINATING' && s !== 'TERMINATED' && s !== 'DETACHING' && s !== 'DETACHED';

function routeTables(view: ReadView, drg: Drg): DrgRouteTable[] {
  return view.children('oci.DrgRouteTable', drg.id).filter((t) => live(t.lifecycleState)).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function attachments(view: ReadView, drg: Drg): DrgAttachment[] {
  return view.children('oci.DrgAttachment', drg.id).filter((a) => live(a.lifecycleState));
}

/** The tables the DRG's attachments of one type use; the type's default table when it has none. */
function tablesOfType(view: ReadView, drg: Drg, kind: (typeof TYPES)[number]): string[] {
  const used = [...new Set(attachments(view, drg).filter((a) => a.networkDetails.type === kind.type).map((a) => a.drgRouteTableId))];
  return used.length > 0 ? used : [kind.defaultOf(drg)];
}

/** The shortest `table` value that picks `t`: a type shorthand, else its name if unique, else its OCID. */
function selector(view: ReadView, drg: Drg, t: DrgRouteTable, all: readonly DrgRouteTable[]): string {
  const byType = TYPES.find((k) => { const ts = tablesOfType(view, drg, k); return ts.length === 1 && ts[0] === t.id; });
  if (byType) return byType.table;
  return all.filter((x) => x.displayName === t.displayName).length === 1 ? t.displayName : t.id;
}

function usedBy(view: ReadView, drg: Drg, t: DrgRouteTable): string {
  const names = attachments(view, drg).filter((a) => a.drgRouteTableId === t.id).map((a) => a.displayName).sort();
  return names.length === 0 ? 'used by no attachment' : `used by ${names.join(', ')}`;
}

function candidates(view: ReadView, drg: Drg, target: string, tables: readonly DrgRouteTable[]): RoutesCandidate[] {
  const all = routeTables(view, drg);
  return tables.map((t) => ({ target, table: selector(view, drg, t, all), description: `DRG route table ${t.displayName} (${usedBy(view, drg, t)})` }));
}

/** The route table of `drg` that `table` names; without `table`, its only table, or a 400 listing them. */
export function drgRouteTable(view: ReadView, drg: Drg, target: string, table: string | undefined): string {
  const all = routeTables(view, drg);
  if (table === undefined) {
    const [only, ...more] = all;
    if (only === undefined) throw fastroute.notFound(`DRG ${drg.displayName} has no route tables`);
    if (more.length === 0) return only.id;
    throw new AmbiguousTargetError(`"${target}" is DRG ${drg.displayName}, which has ${all.length} route tables; pick one with table=${TYPES.map((k) => k.table).join('|')}|NAME`, candidates(view, drg, target, all));
  }
  const kind = TYPES.find((k) => k.table === table.toLowerCase());
  const ids = kind ? tablesOfType(view, drg, kind)
    : [...new Set([
      ...all.filter((t) => t.id === table || t.displayName === table).map((t) => t.id),
      ...attachments(view, drg).filter((a) => a.id === table || a.displayName === table).map((a) => a.drgRouteTableId),
    ])];
  const [only, ...more] = ids;
  if (only === undefined) {
    const known = all.map((t) => t.displayName).join('; ');
    throw fastroute.notFound(`DRG ${drg.displayName} has no route table "${table}": give ${TYPES.map((k) => k.table).join(', ')}, a route table's or an attachment's name or OCID (its tables: ${known})`);
  }
  if (more.length > 0) {
    const tables = all.filter((t) => ids.includes(t.id));
    throw new AmbiguousTargetError(`table "${table}" of DRG ${drg.displayName} matches ${ids.length} route tables`, candidates(view, drg, target, tables));
  }
  return only;
}
