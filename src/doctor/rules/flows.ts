// Rules that trace flows: the lab's expectations when a lab is given (a security rule dropping a flow
// expected delivered; the rule that drops a flow declared dropped for a security reason), and
// asymmetric paths through stateful firewalls: on the expectations, or without a lab on one
// representative VM pair per (VCN, VNet) pair of each interconnect, capped.
import { trace, traceVerdict } from '../../trace/trace.ts';
import type { Hop, TraceRequest, TraceResult } from '../../trace/types.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { addressOwner, finding, interconnects, listOf } from '../context.ts';

const SECURITY_REASONS = new Set(['SECURITY_LIST_DENY', 'NSG_DENY', 'HOST_FIREWALL_DENY']);
/** At most this many representative pairs are traced (both directions) when there is no lab. */
export const MAX_PROBE_PAIRS = 100;

interface Flow { name: string; req: TraceRequest; expect?: 'delivered' | 'dropped'; reasons?: string[] }

const flowText = (f: Flow) => `${f.req.protocol}${f.req.port === undefined ? '' : `/${f.req.port}`} ${f.req.from} → ${f.req.to}`;

/** The hop that dropped the flow (on the reply path when the request arrived). */
function droppingHop(t: TraceResult): { hop: Hop | undefined; onReply: boolean } {
  if (t.returnPath?.verdict === 'dropped') return { hop: t.returnPath.hops[t.returnPath.hops.length - 1], onReply: true };
  return { hop: t.hops[t.hops.length - 1], onReply: false };
}

function securityFix(r: Routing, t: TraceResult, hop: Hop, onReply: boolean): string {
  const src = onReply ? t.flow.dst : t.flow.src;
  const dst = onReply ? t.flow.src : t.flow.dst;
  const cidrOf = (ip: string) => {
    const o = addressOwner(r, ip);
    return o ? `${o.prefix} (${o.cloud === 'oci' ? 'VCN' : 'VNet'} ${o.name})` : `${ip}/32`;
  };
  const what = t.flow.protocol === 'icmp' ? 'ICMP echo' : `${t.flow.protocol.toUpperCase()} ${onReply ? `from port ${t.flow.dstPort ?? ''}` : `port ${t.flow.dstPort ?? ''}`}`;
  const rule = hop.rule ?? '';
  const direction = hop.kind === 'nic-nsg-inbound' ? 'Inbound' : 'Outbound';
  switch (hop.reason) {
    case 'NSG_DENY':
      return rule.includes('DenyAll')
        ? `Add an ${direction} Allow rule (priority below 65000) for ${what} from ${cidrOf(src)} to ${dst} to the NSG that holds ${rule}.`
        : `Change NSG rule ${rule} to Allow, or add an ${direction} Allow rule with a lower priority number for ${what} from ${cidrOf(src)} to ${dst}.`;
    case 'SECURITY_LIST_DENY':
      return `Add ${hop.kind === 'vnic-ingress' ? `an ingress rule with source ${cidrOf(src)}` : `an egress rule with destination ${cidrOf(dst)}`} for ${what} to a security list of the subnet or an NSG of VNIC ${hop.name ?? ''}`
        + `${hop.detail?.includes('stateless') === true ? '; the deciding rule is stateless, so its reply needs its own mirror rule (or make it stateful)' : ''}.`;
    default:
      return `Open ${what} in the guest firewall of ${hop.name ?? 'the VM'} (firewalld: \`sudo firewall-cmd --permanent --add-${t.flow.protocol === 'icmp' ? 'protocol=icmp' : `port=${t.flow.dstPort ?? ''}/${t.flow.protocol}`} && sudo firewall-cmd --reload\`; lab: hostFirewall).`;
  }
}

/** "fw-oci (10.10.1.10)" for an OCI VNIC or an Azure NIC id. */
function applianceName(r: Routing, id: string): string {
  const vnic = id.startsWith('ocid1.vnic.') ? r.memo.get('oci.Vnic', id) : undefined;
  if (vnic) return `${r.memo.get('oci.Instance', vnic.fr.instanceId)?.displayName ?? vnic.displayName} (${vnic.privateIp})`;
  const nic = r.memo.get('azure.NetworkInterface', id);
  if (nic) return `${nic.properties.virtualMachine?.id.split('/').pop() ?? nic.name} (${nic.properties.ipConfigurations[0]?.properties.privateIPAddress ?? ''})`;
  return id;
}

function asymmetryFinding(r: Routing, f: Flow, t: TraceResult): Finding {
  const hop = t.returnPath?.hops.find((h) => h.reason === 'ASYMMETRIC_RETURN');
  const name = hop ? applianceName(r, hop.resource) : 'a stateful firewall';
  const crossed = (hops: readonly Hop[]) => hops.filter((h) => h.kind === 'appliance' && h.decision === 'forward').map((h) => applianceName(r, h.resource));
  const there = crossed(t.hops);
  const back = crossed(t.returnPath?.hops ?? []);
  const inRequest = there.includes(name);
  const owners = [addressOwner(r, t.flow.src), addressOwner(r, t.flow.dst)];
  const oci = owners.find((o) => o?.cloud === 'oci');
  const azure = owners.find((o) => o?.cloud === 'azure');
  const ociFirewall = hop?.resource.startsWith('ocid1.') === true;
  return finding('ASYMMETRIC_ROUTING', [hop?.resource],
    `Flow ${f.name} (${flowText(f)}) is routed asymmetrically through stateful firewall ${name}: the request crosses ${there.length > 0 ? listOf(there) : 'no firewall'}, the reply ${back.length > 0 ? listOf(back) : 'none'}. `
    + `${inRequest ? `${name} never sees the reply` : `${name} sees a reply for a flow it never saw`}, `
    + (t.verdict === 'dropped' ? 'so it drops the flow.'
      : `so this ${t.flow.protocol === 'icmp' ? 'ping' : 'UDP flow'} still works (each ${inRequest && t.flow.protocol === 'icmp' ? 'echo request' : 'datagram'} is a new flow to it), but ${inRequest ? 'a TCP connection' : 'a ping or a TCP connection'} on the same path fails.`),
    `Make both directions cross ${name}, or neither. `
    + (ociFirewall
      ? `On OCI, traffic between the virtual circuit and ${oci ? `VCN ${oci.name} (${oci.prefix})` : 'the VCN'} must take the firewall's attachment both ways: a static rule for ${oci?.prefix ?? 'the VCN prefix'} → the firewall VCN's attachment in the virtual circuit's DRG route table (its ingress route table hands it to the firewall), matching what the VCN's own DRG table does for ${azure?.prefix ?? 'the Azure prefixes'}.`
      : `On Azure, send both directions through the NVA: UDRs on the GatewaySubnet for ${azure?.prefix ?? 'the VNet prefix'} and on the workload subnets for ${oci?.prefix ?? 'the OCI prefixes'} (with BGP propagation off there), next hop VirtualAppliance.`));
}

function labFlows(lab: Lab): Flow[] {
  return lab.expectations.map((e) => ({
    name: e.name,
    req: { from: e.from, to: e.to, protocol: e.protocol, ...(e.port === undefined ? {} : { port: e.port }) },
    expect: e.expect,
    ...(e.reason === undefined ? {} : { reasons: typeof e.reason === 'string' ? [e.reason] : e.reason }),
  }));
}

/** One endpoint VM (not a forwarding appliance) per VCN and per VNet, by name. */
function probeFlows(r: Routing): Flow[] {
  const ociByVcn = new Map<string, string>();
  for (const v of r.memo.list('oci.Vnic').filter((x) => x.isPrimary && !x.skipSourceDestCheck && x.lifecycleState === 'AVAILABLE')) {
    const instance = r.memo.get('oci.Instance', v.fr.instanceId);
    const vcnId = r.memo.get('oci.Subnet', v.subnetId)?.vcnId;
    if (!instance || instance.lifecycleState === 'TERMINATED' || vcnId === undefined) continue;
    const prev = ociByVcn.get(vcnId);
    if (prev === undefined || instance.displayName < prev) ociByVcn.set(vcnId, instance.displayName);
  }
  const azureByVnet = new Map<string, string>();
  for (const vm of r.memo.list('azure.VirtualMachine')) {
    const nic = r.memo.get('azure.NetworkInterface', vm.properties.networkProfile.networkInterfaces[0]?.id ?? '');
    const subnetId = nic?.properties.ipConfigurations[0]?.properties.subnet.id;
    const vnetId = subnetId === undefined ? undefined : r.memo.get('azure.Subnet', subnetId)?.fr.parentId.toLowerCase();
    if (!nic || nic.properties.enableIPForwarding || vnetId === undefined) continue;
    const prev = azureByVnet.get(vnetId);
    if (prev === undefined || vm.name < prev) azureByVnet.set(vnetId, vm.name);
  }
  const flows: Flow[] = [];
  const seen = new Set<string>();
  for (const ic of interconnects(r)) {
    if (ic.routing.down !== undefined) continue;
    for (const att of ic.vcnAttachments) {
      const oci = ociByVcn.get(att.networkDetails.id);
      if (oci === undefined) continue;
      for (const vnetId of [...ic.azureVnetIds].sort()) {
        const az = azureByVnet.get(vnetId.toLowerCase());
        if (az === undefined || seen.has(`${oci}|${az}`) || seen.size >= MAX_PROBE_PAIRS) continue;
        seen.add(`${oci}|${az}`);
        flows.push({ name: `probe ${oci} → ${az}`, req: { from: oci, to: az, protocol: 'icmp' } });
        flows.push({ name: `probe ${az} → ${oci}`, req: { from: az, to: oci, protocol: 'icmp' } });
      }
    }
  }
  return flows;
}

export function flowRules(r: Routing, lab?: Lab): Finding[] {
  const out: Finding[] = [];
  const flows = lab ? labFlows(lab) : probeFlows(r);
  // One finding per firewall; a flow the asymmetry breaks tells more than one that survives it.
  const asymmetric = new Map<string, { at: number; dropped: boolean }>();
  for (const f of flows) {
    // Most flows are fine: decide first, and walk again with explanations only for a finding's hops.
    const verdict = traceVerdict(r, f.req);
    if (verdict.asymmetry === undefined && (verdict.verdict !== 'dropped' || !SECURITY_REASONS.has(verdict.reason) || f.expect === undefined)) continue;
    const t = trace(r, f.req);
    if (t.asymmetry !== undefined) {
      const a = asymmetryFinding(r, f, t);
      const key = a.resources.join('|');
      const dropped = t.verdict === 'dropped';
      const seen = asymmetric.get(key);
      if (!seen) { asymmetric.set(key, { at: out.length, dropped }); out.push(a); } else if (dropped && !seen.dropped) { out[seen.at] = a; seen.dropped = true; }
      continue;
    }
    if (t.verdict !== 'dropped' || !SECURITY_REASONS.has(t.reason) || f.expect === undefined) continue;
    const { hop, onReply } = droppingHop(t);
    if (!hop) continue;
    const where = hop.kind === 'host-firewall' ? `the guest firewall of ${hop.name ?? hop.resource}`
      : hop.kind.startsWith('nic-nsg') ? `NSG rule ${hop.rule ?? ''} (${hop.kind === 'nic-nsg-inbound' ? 'inbound' : 'outbound'}) on NIC ${hop.name ?? ''}`
        : `the ${hop.kind === 'vnic-ingress' ? 'ingress' : 'egress'} rules of VNIC ${hop.name ?? ''} (${hop.rule ?? ''})`;
    const at = `${onReply ? 'on the reply path, ' : ''}${where}`;
    const stateless = hop.detail?.includes('stateless') === true ? ' (the deciding rule is stateless: its reply needs its own rule)' : '';
    if (f.expect === 'delivered') {
      out.push(finding('SECURITY_BLOCKS_EXPECTATION', [hop.resource],
        `Expectation ${f.name} (${flowText(f)}) expects delivered, but the trace drops it with ${t.reason} at ${at}${stateless}.`,
        securityFix(r, t, hop, onReply)));
    } else if (f.reasons?.includes(t.reason)) {
      out.push(finding('SECURITY_DENIES_FLOW', [hop.resource],
        `Expectation ${f.name} (${flowText(f)}) is dropped as declared (${t.reason}) by ${at}${stateless}.`,
        `Nothing to do if the block is intended. To let the flow through: ${securityFix(r, t, hop, onReply)}`));
    }
  }
  return out;
}
