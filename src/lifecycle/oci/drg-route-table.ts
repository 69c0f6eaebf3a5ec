// DRG route tables, their static rules, and import route distributions with their statements.
import { oci } from '../../model/errors.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { DrgMatchCriteria, DrgRouteDistribution, DrgRouteDistributionStatement, DrgRouteRule, DrgRouteTable } from '../../model/oci/drg.ts';
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
  });
}

export function removeImportDrgRouteDistribution(tx: Tx, scope: OciScope, id: string): DrgRouteTable {
  getOwned(tx, scope, 'oci.DrgRouteTable', id);
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

export function addDrgRouteRules(tx: Tx, scope: OciScope, tableId: string, rules: readonly DrgRouteRuleDetails[]): DrgRouteRule[] {
  const table = getOwned(tx, scope, 'oci.DrgRouteTable', tableId);
  const existing = new Set(tx.children('oci.DrgRouteRule', tableId).map((r) => r.destination));
  return rules.map((r, i) => {
    const at = `routeRules[${i}]`;
    if ((r.destinationType ?? 'CIDR_BLOCK') !== 'CIDR_BLOCK') throw oci.invalidParameter(`${at}.destinationType: static DRG route rules accept only CIDR_BLOCK.`);
    if (r.destination === undefined) throw oci.missingParameter(`${at}.destination`);
    checkCidrBlock(r.destination, 0, 32);
    if (existing.has(r.destination)) throw oci.invalidParameter(`${at}: a static rule for ${r.destination} already exists in DRG route table ${tableId}.`);
    existing.add(r.destination);
    if (r.nextHopDrgAttachmentId === undefined) throw oci.missingParameter(`${at}.nextHopDrgAttachmentId`);
    const blackhole = r.nextHopDrgAttachmentId === 'BLACKHOLE';
    if (!blackhole) {
      const att = getRelated(tx, scope, 'oci.DrgAttachment', r.nextHopDrgAttachmentId, `${at}.nextHopDrgAttachmentId`);
      if (att.drgId !== table.drgId) throw oci.invalidParameter(`${at}: attachment ${att.id} is on another DRG.`);
      if (att.networkDetails.type !== 'VCN') throw oci.invalidParameter(`${at}: static routes cannot point at a ${att.networkDetails.type} attachment; routes to it must be learned dynamically.`);
    }
    const rule: DrgRouteRule = {
      id: ocid(tx.ctx.ids, 'drgrouterule', scope.region), destination: r.destination, destinationType: 'CIDR_BLOCK',
      nextHopDrgAttachmentId: r.nextHopDrgAttachmentId, routeType: 'STATIC', routeProvenance: 'STATIC', isConflict: false,
      isBlackhole: blackhole, attributes: {}, fr: { drgRouteTableId: tableId },
    };
    return tx.put('oci.DrgRouteRule', rule);
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

export interface StatementDetails {
  priority?: number;
  action?: string;
  matchCriteria?: { matchType?: string; attachmentType?: string; drgAttachmentId?: string }[];
}

function checkStatement(tx: Tx, drgId: string, s: StatementDetails, at: string, used: Set<number>): Omit<DrgRouteDistributionStatement, 'id' | 'fr'> {
  if (s.priority === undefined) throw oci.missingParameter(`${at}.priority`);
  if (!Number.isInteger(s.priority) || s.priority < 0 || s.priority > 65535) throw oci.invalidParameter(`${at}.priority must be an integer 0-65535.`);
  if (used.has(s.priority)) throw oci.invalidParameter(`${at}.priority ${s.priority} is already used in this distribution.`);
  used.add(s.priority);
  if ((s.action ?? 'ACCEPT') !== 'ACCEPT') throw oci.invalidParameter(`${at}.action must be ACCEPT.`);
  const matchCriteria: DrgMatchCriteria[] = (s.matchCriteria ?? []).map((m, j) => {
    if (m.matchType === 'MATCH_ALL') return { matchType: 'MATCH_ALL' };
    if (m.matchType === 'DRG_ATTACHMENT_TYPE') {
      const t = m.attachmentType;
      if (t !== 'VCN' && t !== 'VIRTUAL_CIRCUIT' && t !== 'REMOTE_PEERING_CONNECTION' && t !== 'IPSEC_TUNNEL') throw oci.invalidParameter(`${at}.matchCriteria[${j}].attachmentType is invalid.`);
      return { matchType: 'DRG_ATTACHMENT_TYPE', attachmentType: t };
    }
    if (m.matchType === 'DRG_ATTACHMENT_ID') {
      const att = m.drgAttachmentId === undefined ? undefined : tx.get('oci.DrgAttachment', m.drgAttachmentId);
      if (att?.drgId !== drgId) throw oci.invalidParameter(`${at}.matchCriteria[${j}].drgAttachmentId is not an attachment of DRG ${drgId}.`);
      return { matchType: 'DRG_ATTACHMENT_ID', drgAttachmentId: att.id };
    }
    throw oci.invalidParameter(`${at}.matchCriteria[${j}].matchType must be DRG_ATTACHMENT_TYPE, DRG_ATTACHMENT_ID or MATCH_ALL.`);
  });
  return { priority: s.priority, action: 'ACCEPT', matchCriteria };
}

export function createDrgRouteDistribution(tx: Tx, scope: OciScope, details: CommonDetails & { drgId?: string; distributionType?: string }): DrgRouteDistribution {
  checkDisplayName(details.displayName);
  const drg = getRelated(tx, scope, 'oci.Drg', details.drgId, 'drgId');
  if (details.distributionType !== 'IMPORT') throw oci.invalidParameter('distributionType must be IMPORT: only import route distributions can be created.');
  const base = newResource(tx, scope, 'drgroutedistribution', { ...details, compartmentId: drg.compartmentId }, 'drgroutedistribution');
  const dist: DrgRouteDistribution = { ...base, drgId: drg.id, distributionType: 'IMPORT', lifecycleState: 'PROVISIONING' };
  tx.put('oci.DrgRouteDistribution', dist);
  scheduleOciReady(tx, 'oci.DrgRouteDistribution', dist.id);
  return dist;
}

export function addDrgRouteDistributionStatements(tx: Tx, scope: OciScope, distributionId: string, statements: readonly StatementDetails[]): DrgRouteDistributionStatement[] {
  const dist = getOwned(tx, scope, 'oci.DrgRouteDistribution', distributionId);
  if (dist.distributionType === 'EXPORT') throw oci.invalidParameter('Statements of the default export distribution cannot be changed.');
  const used = new Set(tx.children('oci.DrgRouteDistributionStatement', distributionId).map((s) => s.priority));
  return statements.map((s, i) => tx.put('oci.DrgRouteDistributionStatement', {
    ...checkStatement(tx, dist.drgId, s, `statements[${i}]`, used), id: ocid(tx.ctx.ids, 'drgroutedistributionstatement', scope.region), fr: { distributionId },
  }));
}

export function removeDrgRouteDistributionStatements(tx: Tx, scope: OciScope, distributionId: string, ids: readonly string[]): void {
  getOwned(tx, scope, 'oci.DrgRouteDistribution', distributionId);
  for (const id of ids) {
    const s = tx.get('oci.DrgRouteDistributionStatement', id);
    if (s?.fr.distributionId !== distributionId) throw oci.invalidParameter(`Statement ${id} is not in distribution ${distributionId}.`);
    tx.remove('oci.DrgRouteDistributionStatement', id);
  }
}

export function deleteDrgRouteDistribution(tx: Tx, scope: OciScope, id: string): void {
  const dist = getOwned(tx, scope, 'oci.DrgRouteDistribution', id);
  if (isGone(dist.lifecycleState)) return;
  if (dist.distributionType === 'EXPORT') throw oci.conflict('The default export route distribution cannot be deleted.');
  const user = tx.children('oci.DrgRouteTable', dist.drgId).find((t) => t.importDrgRouteDistributionId === id && !isGone(t.lifecycleState));
  if (user) throw oci.conflict(`DrgRouteDistribution ${id} is the import distribution of DRG route table ${user.id}.`);
  for (const s of tx.children('oci.DrgRouteDistributionStatement', id)) tx.remove('oci.DrgRouteDistributionStatement', s.id);
  ociTerminate(tx, 'oci.DrgRouteDistribution', id);
}
