// A VCN's live subnets as the checks on a new subnet need them: by address range (no two may
// overlap) and by DNS label (unique in the VCN). Kept by the unit of work (Overlay.childIndex), so a
// lab of 10,000 subnets in one VCN checks each against its siblings in a few lookups, not a scan.
import { cidr, type Ipv4Prefix } from '../../model/cidr.ts';
import { PrefixIndex } from '../../model/prefix-index.ts';
import type { Subnet } from '../../model/oci/vcn.ts';
import type { Tx } from '../../model/tx.ts';
import type { ChildIndex } from '../../model/world.ts';
import { isGone } from './scope.ts';

export class VcnSubnets implements ChildIndex {
  private readonly ranges = new PrefixIndex<Subnet>();
  private readonly labels = new Map<string, Subnet>();

  add(entity: unknown): void {
    const s = entity as Subnet;
    if (isGone(s.lifecycleState)) return;
    this.ranges.add(cidr(s.cidrBlock), s);
    if (s.dnsLabel !== undefined) this.labels.set(s.dnsLabel, s);
  }

  remove(entity: unknown): void {
    const s = entity as Subnet;
    if (isGone(s.lifecycleState)) return;
    this.ranges.remove(cidr(s.cidrBlock), s);
    if (s.dnsLabel !== undefined && this.labels.get(s.dnsLabel) === s) this.labels.delete(s.dnsLabel);
  }

  /** A live subnet other than `self` whose range overlaps `prefix` (the lowest such range). */
  overlapping(prefix: Ipv4Prefix, self?: string): Subnet | undefined {
    let found: { prefix: Ipv4Prefix; value: Subnet } | undefined;
    for (const hit of this.ranges.overlapping(prefix)) {
      if (hit.value.id !== self && (found === undefined || hit.prefix.network < found.prefix.network)) found = hit;
    }
    return found?.value;
  }

  /** The live subnet using this DNS label, if any. */
  withLabel(label: string): Subnet | undefined {
    return this.labels.get(label);
  }
}

/** The index of the VCN's live subnets in this unit of work. */
export function vcnSubnets(tx: Tx, vcnId: string): VcnSubnets {
  return tx.childIndex('oci.Subnet', vcnId, 'vcn-subnets', () => new VcnSubnets());
}

/** The VCN's subnets that are not terminating or terminated. */
export function liveSubnets(tx: Tx, vcnId: string): Subnet[] {
  return tx.children('oci.Subnet', vcnId).filter((s) => !isGone(s.lifecycleState));
}
