// What an NSG offers besides create/delete and adding/removing rules (security-list.ts): renaming
// it, rewriting rules in place (OCI keeps each rule's id and timeCreated), and its VNIC members.
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { ReadView } from '../../model/world.ts';
import type { NetworkSecurityGroup, NsgSecurityRule } from '../../model/oci/security.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, isGone, type CommonDetails, type OciScope } from './scope.ts';
import { buildNsgRule, type NsgRuleDetails } from './security-list.ts';

function liveNsg(view: ReadView, scope: OciScope, nsgId: string): NetworkSecurityGroup {
  const nsg = getOwned(view, scope, 'oci.NetworkSecurityGroup', nsgId);
  if (isGone(nsg.lifecycleState)) throw oci.incorrectState(`NetworkSecurityGroup ${nsgId} is ${nsg.lifecycleState}.`);
  return nsg;
}

export function updateNetworkSecurityGroup(tx: Tx, scope: OciScope, nsgId: string, details: Omit<CommonDetails, 'compartmentId'>): NetworkSecurityGroup {
  liveNsg(tx, scope, nsgId);
  checkDisplayName(details.displayName);
  return tx.update('oci.NetworkSecurityGroup', nsgId, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

/** Replaces each named rule as a whole (UpdateSecurityRuleDetails carries every field). */
export function updateNsgRules(tx: Tx, scope: OciScope, nsgId: string, rules: readonly (NsgRuleDetails & { id?: string })[]): NsgSecurityRule[] {
  liveNsg(tx, scope, nsgId);
  const seen = new Set<string>();
  return rules.map((r, i) => {
    const at = `securityRules[${i}]`;
    if (r.id === undefined) throw oci.missingParameter(`${at}.id`);
    if (seen.has(r.id)) throw oci.invalidParameter(`${at}: security rule ${r.id} is named more than once.`);
    seen.add(r.id);
    const current = tx.get('oci.NsgSecurityRule', r.id);
    if (current?.fr.nsgId !== nsgId) throw oci.invalidParameter(`Security rule ${r.id} does not belong to NSG ${nsgId}.`);
    return tx.put('oci.NsgSecurityRule', buildNsgRule(tx, scope, nsgId, r, at, r.id, current.timeCreated));
  });
}

export interface NsgVnic {
  vnicId: string;
  /** The instance the VNIC belongs to. */
  resourceId: string;
  timeAssociated: string;
}

/**
 * The live VNICs in an NSG. FastRoute does not record when a VNIC joined an NSG, so the VNIC's
 * creation time stands in for timeAssociated.
 */
export function nsgVnics(view: ReadView, scope: OciScope, nsgId: string): NsgVnic[] {
  getOwned(view, scope, 'oci.NetworkSecurityGroup', nsgId);
  return view.list('oci.Vnic')
    .filter((v) => v.nsgIds.includes(nsgId) && !isGone(v.lifecycleState))
    .map((v) => ({ vnicId: v.id, resourceId: v.fr.instanceId, timeAssociated: v.timeCreated }));
}
