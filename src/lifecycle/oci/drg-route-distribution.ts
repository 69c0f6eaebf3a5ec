// DRG route distributions (import ones are user-made; the default export one comes with the DRG)
// and their statements, which decide which attachments' routes a DRG route table imports.
import { oci } from '../../model/errors.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { DrgMatchCriteria, DrgRouteDistribution, DrgRouteDistributionStatement } from '../../model/oci/drg.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';

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

/** The distribution whose statements a request changes: live, and not the default export one. */
function editableDistribution(tx: Tx, scope: OciScope, distributionId: string): DrgRouteDistribution {
  const dist = getOwned(tx, scope, 'oci.DrgRouteDistribution', distributionId);
  if (isGone(dist.lifecycleState)) throw oci.incorrectState(`DrgRouteDistribution ${distributionId} is ${dist.lifecycleState}.`);
  if (dist.distributionType === 'EXPORT') throw oci.invalidParameter('Statements of the default export distribution cannot be changed.');
  return dist;
}

export function updateDrgRouteDistribution(tx: Tx, scope: OciScope, id: string, details: Omit<CommonDetails, 'compartmentId'>): DrgRouteDistribution {
  const dist = getOwned(tx, scope, 'oci.DrgRouteDistribution', id);
  if (isGone(dist.lifecycleState)) throw oci.incorrectState(`DrgRouteDistribution ${id} is ${dist.lifecycleState}.`);
  checkDisplayName(details.displayName);
  return tx.update('oci.DrgRouteDistribution', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function addDrgRouteDistributionStatements(tx: Tx, scope: OciScope, distributionId: string, statements: readonly StatementDetails[]): DrgRouteDistributionStatement[] {
  const dist = editableDistribution(tx, scope, distributionId);
  const used = new Set(tx.children('oci.DrgRouteDistributionStatement', distributionId).map((s) => s.priority));
  return statements.map((s, i) => tx.put('oci.DrgRouteDistributionStatement', {
    ...checkStatement(tx, dist.drgId, s, `statements[${i}]`, used), id: ocid(tx.ctx.ids, 'drgroutedistributionstatement', scope.region), fr: { distributionId },
  }));
}

export interface UpdateStatementDetails {
  id?: string;
  priority?: number;
  matchCriteria?: StatementDetails['matchCriteria'];
}

/** UpdateDrgRouteDistributionStatements: each named statement takes the fields given and keeps the others. */
export function updateDrgRouteDistributionStatements(tx: Tx, scope: OciScope, distributionId: string, statements: readonly UpdateStatementDetails[]): DrgRouteDistributionStatement[] {
  const dist = editableDistribution(tx, scope, distributionId);
  const targets = statements.map((s, i) => {
    if (s.id === undefined) throw oci.missingParameter(`statements[${i}].id`);
    const existing = tx.get('oci.DrgRouteDistributionStatement', s.id);
    if (existing?.fr.distributionId !== distributionId) throw oci.invalidParameter(`statements[${i}]: ${s.id} is not a statement of distribution ${distributionId}.`);
    return existing;
  });
  // Priorities of the statements left alone stay taken; the updated ones are re-checked as a set.
  const named = new Set(targets.map((t) => t.id));
  if (named.size < targets.length) throw oci.invalidParameter('A statement is named twice.');
  const used = new Set(tx.children('oci.DrgRouteDistributionStatement', distributionId).filter((s) => !named.has(s.id)).map((s) => s.priority));
  return statements.map((s, i) => {
    const before = targets[i];
    if (!before) throw oci.invalidParameter(`statements[${i}] is invalid.`);
    const checked = checkStatement(tx, dist.drgId, { priority: s.priority ?? before.priority, matchCriteria: s.matchCriteria ?? before.matchCriteria }, `statements[${i}]`, used);
    return tx.update('oci.DrgRouteDistributionStatement', before.id, (d) => {
      d.priority = checked.priority;
      d.matchCriteria = checked.matchCriteria;
    });
  });
}

export function removeDrgRouteDistributionStatements(tx: Tx, scope: OciScope, distributionId: string, ids: readonly string[]): void {
  editableDistribution(tx, scope, distributionId);
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
