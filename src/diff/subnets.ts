// The subnets a diff compares, named so that the same subnet is recognised in two worlds whose ids
// differ (two labs brought up apart): "oci:vcn-app/sn-web", "azure:vnet-hub/snet-app".
import type { ReadView } from '../model/world.ts';
import { armName } from '../model/display-names.ts';
import type { MatrixSubnet } from '../trace/matrix.ts';

export interface DiffSubnet extends MatrixSubnet {
  /** The name both worlds share: cloud, network and subnet names. */
  key: string;
  /** "vcn-app/sn-web". */
  label: string;
  network: string;
}

const GONE = new Set(['TERMINATING', 'TERMINATED']);

/** Every live subnet of the world, OCI first, by name; ExpressRoute's GatewaySubnet holds no workload and is left out. */
export function diffSubnets(view: ReadView): DiffSubnet[] {
  const out: DiffSubnet[] = [];
  const seen = new Set<string>();
  const add = (s: Omit<DiffSubnet, 'key'>) => {
    let key = `${s.cloud}:${s.label}`;
    // Names are unique per VCN/VNet in both clouds; two networks of one name get numbered keys.
    for (let n = 2; seen.has(key); n++) key = `${s.cloud}:${s.label}#${n}`;
    seen.add(key);
    out.push({ ...s, key });
  };
  const oci = view.list('oci.Subnet').filter((s) => !GONE.has(s.lifecycleState));
  for (const s of oci.sort((a, b) => a.id.localeCompare(b.id))) {
    const network = view.get('oci.Vcn', s.vcnId)?.displayName ?? s.vcnId;
    add({ cloud: 'oci', subnetId: s.id, network, label: `${network}/${s.displayName}` });
  }
  const azure = view.list('azure.Subnet').filter((s) => s.name !== 'GatewaySubnet');
  for (const s of azure.sort((a, b) => a.id.localeCompare(b.id))) {
    const label = armName(s.id);
    add({ cloud: 'azure', subnetId: s.id, network: label.split('/')[0] ?? label, label });
  }
  return out;
}
