// OCI's ListDrgRouteRules answer for one DRG route table: every rule the table holds (static rules
// and the dynamic ones its import distribution brought in), conflict losers included and flagged
// `isConflict`, in OCI's DrgRouteRule wire shape.
import { oci } from '../../model/errors.ts';
import type { DrgRoute } from '../types.ts';
import type { Routing } from '../routing.ts';
import type { DrgRouteRuleWire } from './types.ts';

const TYPE_ORDER: Record<DrgRoute['routeType'], number> = { STATIC: 0, DYNAMIC: 1 };

/** Destination (address, then prefix length), winners before conflict losers, static before dynamic, then ids. */
function compareRules(a: DrgRoute, b: DrgRoute): number {
  return a.prefix.network - b.prefix.network
    || a.prefix.length - b.prefix.length
    || Number(a.isConflict) - Number(b.isConflict)
    || TYPE_ORDER[a.routeType] - TYPE_ORDER[b.routeType]
    || a.nextHopDrgAttachmentId.localeCompare(b.nextHopDrgAttachmentId)
    || a.id.localeCompare(b.id);
}

function toWire(rule: DrgRoute): DrgRouteRuleWire {
  const attributes: Record<string, unknown> = {};
  if (rule.attributes.asPath !== undefined) attributes.asPath = [...rule.attributes.asPath];
  if (rule.attributes.reason !== undefined) attributes.reason = rule.attributes.reason;
  if (rule.attributes.importedBy !== undefined) attributes.importedBy = rule.attributes.importedBy;
  return {
    id: rule.id,
    destination: rule.destination,
    destinationType: rule.destinationType,
    nextHopDrgAttachmentId: rule.nextHopDrgAttachmentId,
    routeType: rule.routeType,
    routeProvenance: rule.routeProvenance,
    isConflict: rule.isConflict,
    isBlackhole: rule.isBlackhole,
    attributes,
  };
}

/** The rules of a DRG route table (optionally only STATIC or DYNAMIC ones, like the `routeType` query parameter). */
export function drgRouteRules(r: Routing, drgRouteTableId: string, routeType?: 'STATIC' | 'DYNAMIC'): DrgRouteRuleWire[] {
  const table = r.drgTable(drgRouteTableId);
  const stored = r.memo.get('oci.DrgRouteTable', drgRouteTableId);
  if (!table || !stored || stored.lifecycleState === 'TERMINATED') throw oci.notFound('DrgRouteTable', drgRouteTableId);
  return table.rules
    .filter((rule) => routeType === undefined || rule.routeType === routeType)
    .slice()
    .sort(compareRules)
    .map(toWire);
}
