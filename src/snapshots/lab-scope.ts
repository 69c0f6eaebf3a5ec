// Which entities a lab snapshot holds: what the lab owns as its teardown sees it (lab/ownership.ts:
// what it tagged, what the APIs made inside its VCNs and resource groups, its on-premises sites),
// plus the VNICs in its subnets and the timers of all of these.
import { labOwnership } from '../lab/ownership.ts';
import type { Tagged } from '../lab/ownership.ts';
import { ALL_KINDS } from '../model/kinds.ts';
import type { Kind, ReadView } from '../model/world.ts';

type Loose = Tagged & { id: string; vcnId?: string; subnetId?: string; lab?: string; networkDetails?: { type: string; id: string } };

export interface LabEntity {
  kind: Kind;
  entity: { id: string };
}

export function labEntities(view: ReadView, lab: string): LabEntity[] {
  const own = labOwnership(view, lab);
  const subnets = new Set(view.list('oci.Subnet').filter((s) => own.vcnIds.has(s.vcnId)).map((s) => s.id));
  const owned = (kind: Kind, e: Loose): boolean => {
    if (kind === 'fr.OnPremisesSite') return e.lab === lab;
    if (own.tagged(e) || own.isVcnDefault(e.id)) return true;
    if (kind === 'oci.Instance') return own.instance(e);
    if (kind === 'oci.DrgAttachment' && e.networkDetails !== undefined) return own.drgAttachment({ ...e, networkDetails: e.networkDetails });
    if (e.vcnId !== undefined) return own.vcnIds.has(e.vcnId);
    if (e.subnetId !== undefined) return subnets.has(e.subnetId);
    return kind.startsWith('azure.') && own.arm(e);
  };
  const out: LabEntity[] = [];
  for (const kind of ALL_KINDS) {
    if (kind === 'fr.Timer') continue;
    for (const e of view.list(kind) as Loose[]) if (owned(kind, e)) out.push({ kind, entity: e });
  }
  const ids = new Set(out.map((o) => o.entity.id));
  for (const t of view.list('fr.Timer')) if (ids.has(t.target)) out.push({ kind: 'fr.Timer', entity: t });
  return out;
}
