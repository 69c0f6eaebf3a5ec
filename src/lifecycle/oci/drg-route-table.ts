// DRG route tables and their static rules. Route distributions and their statements live in
// drg-route-distribution.ts (re-exported here for existing callers).
import { oci } from '../../model/errors.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { DrgRouteRule, DrgRouteTable } from '../../model/oci/drg.ts';
import { checkCidrBlock, checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';

function checkImportDistribution(tx: Tx, drgId: string, id: string | null | undefined): void {
  if (id === undefined || id === null) return;
  const d = tx.get('oci.DrgRouteDistribution', id);
  if (d?.drgId !== drgId || d.distributionType !== 'IMPORT' || isGone(d.lifecycleState)) throw oci.invalidParameter(`${id} is not an import route distribution of DRG ${drgId}.`);
}

export interface CreateDrgRouteTableDetails extends CommonDetails {
  drgId?: string;
  importDrgRouteDistributionId?: string;
  isEcmpEnabled?: boolean;
}

export function createDrgRouteTable(tx: Tx, scope: OciScope, details: CreateDrgRouteTableDetails): DrgRouteTable {
  checkDisplayName(details.displayName);
  const drg = getRelated(tx, scope, 'oci.Drg', details.drgId, 'drgId');
  checkImportDistribution(tx, drg.id, details.importDrgRouteDistributionId);
  const base = newResource(tx, scope, 'drgroutetable', { ...details, compartmentId: drg.compartmentId }, 'drgroutetable');
  const table: DrgRouteTable = { ...base, drgId: drg.id, importDrgRouteDistributionId: details.importDrgRouteDistributionId ?? null, isEcmpEnabled: details.isEcmpEnabled ?? false, lifecycleState: 'PROVISIONING' };
  tx.put('oci.DrgRouteTable', table);
  scheduleOciReady(tx, 'oci.DrgRouteTable', table.id);
  return table;
}

export function updateDrgRouteTable(tx: Tx, scope: OciScope, id: string, details: Omit<CreateDrgRouteTableDetails, 'drgId'>): DrgRouteTable {
  const table = getOwned(tx, scope, 'oci.DrgRouteTable', id);
  if (isGone(table.lifecycleState)) throw oci.incorrectState(`DrgRouteTable ${id} is ${table.lifecycleState}.`);
  checkDisplayName(details.displayName);
  checkImportDistribution(tx, table.drgId, details.importDrgRouteDistributionId);
  return tx.update('oci.DrgRouteTable', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.importDrgRouteDistributionId !== undefined) d.importDrgRouteDistributionId = details.importDrgRouteDistributionId;
    if (details.isEcmpEnabled !== undefined) d.isEcmpEnabled = details.isEcmpEnabled;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function removeImportDrgRouteDistribution(tx: Tx, scope: OciScope, id: string): DrgRouteTable {
  const table = getOwned(tx, scope, 'oci.DrgRouteTable', id);
  if (isGone(table.lifecycleState)) throw oci.incorrectState(`DrgRouteTable ${id} is ${table.lifecycleState}.`);
  return tx.update('oci.DrgRouteTable', id, (d) => { d.importDrgRouteDistributionId = null; });
}

export function deleteDrgRouteTable(tx: Tx, scope: OciScope, id: string): void {
  const table = getOwned(tx, scope, 'oci.DrgRouteTable', id);
  if (isGone(table.lifecycleState)) return;
  const drg = tx.get('oci.Drg', table.drgId);
  if (drg && Object.values(drg.defaultDrgRouteTables).includes(id)) throw oci.conflict(`DrgRouteTable ${id} is a default route table of DRG ${drg.id} and cannot be deleted.`);
  const user = tx.children('oci.DrgAttachment', table.drgId).find((a) => a.drgRouteTableId === id && !isGone(a.lifecycleState));
  if (user) throw oci.conflict(`DrgRouteTable ${id} is assigned to attachment ${user.id}.`);
  for (const r of tx.children('oci.DrgRouteRule', id)) tx.remove('oci.DrgRouteRule', r.id);
  ociTerminate(tx, 'oci.DrgRouteTable', id);
}

export interface DrgRouteRuleDetails {
  destination?: string;
  destinationType?: string;
  nextHopDrgAttachmentId?: string;
}

export interface UpdateDrgRouteRuleDetails extends DrgRouteRuleDetails {
  id?: string;
}

function liveTable(tx: Tx, scope: OciScope, tableId: string): DrgRouteTable {
  const table = getOwned(tx, scope, 'oci.DrgRouteTable', tableId);
  if (isGone(table.lifecycleState)) throw oci.incorrectState(`DrgRouteTable ${tableId} is ${table.lifecycleState}.`);
  return table;
}

/** The checks a static rule's fields pass, on add and on update; `taken` holds the table's other static destinations. */
function checkRule(tx: Tx, scope: OciScope, table: DrgRouteTable, r: Required<Pick<DrgRouteRuleDetails, 'destination' | 'nextHopDrgAttachmentId'>> & DrgRouteRuleDetails, at: string, taken: Set<string>): void {
  if ((r.destinationType ?? 'CIDR_BLOCK') !== 'CIDR_BLOCK') throw oci.invalidParameter(`${at}.destinationType: static DRG route rules accept only CIDR_BLOCK.`);
  checkCidrBlock(r.destination, 0, 32);
  if (taken.has(r.destination)) throw oci.invalidParameter(`${at}: a static rule for ${r.destination} already exists in DRG route table ${table.id}.`);
  taken.add(r.destination);
  if (r.nextHopDrgAttachmentId === 'BLACKHOLE') return;
  const att = getRelated(tx, scope, 'oci.DrgAttachment', r.nextHopDrgAttachmentId, `${at}.nextHopDrgAttachmentId`);
  if (att.drgId !== table.drgId) throw oci.invalidParameter(`${at}: attachment ${att.id} is on another DRG.`);
  // OCI forbids static routes to virtual-circuit and IPSec attachments only (facts §3.7): VCN and remote peering attachments may be next hops.
  if (att.networkDetails.type === 'VIRTUAL_CIRCUIT') throw oci.invalidParameter(`${at}: static routes cannot point at a ${att.networkDetails.type} attachment; routes to it must be learned dynamically.`);
}

export function addDrgRouteRules(tx: Tx, scope: OciScope, tableId: string, rules: readonly DrgRouteRuleDetails[]): DrgRouteRule[] {
  const table = liveTable(tx, scope, tableId);
  const taken = new Set(tx.children('oci.DrgRouteRule', tableId).map((r) => r.destination));
  return rules.map((r, i) => {
    const at = `routeRules[${i}]`;
    if (r.destination === undefined) throw oci.missingParameter(`${at}.destination`);
    if (r.nextHopDrgAttachmentId === undefined) throw oci.missingParameter(`${at}.nextHopDrgAttachmentId`);
    checkRule(tx, scope, table, { ...r, destination: r.destination, nextHopDrgAttachmentId: r.nextHopDrgAttachmentId }, at, taken);
    const rule: DrgRouteRule = {
      id: ocid(tx.ctx.ids, 'drgrouterule', scope.region), destination: r.destination, destinationType: 'CIDR_BLOCK',
      nextHopDrgAttachmentId: r.nextHopDrgAttachmentId, routeType: 'STATIC', routeProvenance: 'STATIC', isConflict: false,
      isBlackhole: r.nextHopDrgAttachmentId === 'BLACKHOLE', attributes: {}, fr: { drgRouteTableId: tableId },
    };
    return tx.put('oci.DrgRouteRule', rule);
  });
}

/** UpdateDrgRouteRules: each named static rule takes the fields given and keeps the others. */
export function updateDrgRouteRules(tx: Tx, scope: OciScope, tableId: string, rules: readonly UpdateDrgRouteRuleDetails[]): DrgRouteRule[] {
  const table = liveTable(tx, scope, tableId);
  const ids = new Set<string>();
  const targets = rules.map((r, i) => {
    if (r.id === undefined) throw oci.missingParameter(`routeRules[${i}].id`);
    const existing = tx.get('oci.DrgRouteRule', r.id);
    if (existing?.fr.drgRouteTableId !== tableId) throw oci.invalidParameter(`routeRules[${i}]: ${r.id} is not a static rule of DRG route table ${tableId}.`);
    if (ids.has(r.id)) throw oci.invalidParameter(`routeRules[${i}]: rule ${r.id} is named twice.`);
    ids.add(r.id);
    return existing;
  });
  // Destinations of the rules left alone stay taken; the updated ones are re-checked as a set.
  const taken = new Set(tx.children('oci.DrgRouteRule', tableId).filter((r) => !ids.has(r.id)).map((r) => r.destination));
  return rules.map((r, i) => {
    const before = targets[i];
    if (!before) throw oci.invalidParameter(`routeRules[${i}] is invalid.`);
    const next = { ...r, destination: r.destination ?? before.destination, nextHopDrgAttachmentId: r.nextHopDrgAttachmentId ?? before.nextHopDrgAttachmentId };
    checkRule(tx, scope, table, next, `routeRules[${i}]`, taken);
    return tx.update('oci.DrgRouteRule', before.id, (d) => {
      d.destination = next.destination;
      d.nextHopDrgAttachmentId = next.nextHopDrgAttachmentId;
      d.isBlackhole = next.nextHopDrgAttachmentId === 'BLACKHOLE';
    });
  });
}

export function removeDrgRouteRules(tx: Tx, scope: OciScope, tableId: string, ruleIds: readonly string[]): void {
  getOwned(tx, scope, 'oci.DrgRouteTable', tableId);
  for (const id of ruleIds) {
    const r = tx.get('oci.DrgRouteRule', id);
    if (r?.fr.drgRouteTableId !== tableId) throw oci.invalidParameter(`Route rule ${id} is not a static rule of DRG route table ${tableId}.`);
    tx.remove('oci.DrgRouteRule', id);
  }
}

export {
  addDrgRouteDistributionStatements, createDrgRouteDistribution, deleteDrgRouteDistribution, removeDrgRouteDistributionStatements,
  updateDrgRouteDistribution, updateDrgRouteDistributionStatements, type StatementDetails, type UpdateStatementDetails,
} from './drg-route-distribution.ts';
