// One table per interconnect: the states the two clouds' consoles would show, side by side, in the
// clouds' own field names so they can be compared with the documentation.
import type { InterconnectStatus } from '../../api/admin/contract.ts';
import { keyValueTable } from './table.ts';

type PrivatePeering = NonNullable<NonNullable<InterconnectStatus['circuit']>['privatePeering']>;

function peering(p: PrivatePeering | undefined): string {
  if (!p) return 'none';
  return `${p.state} · ASN ${p.azureASN} ⇄ ${p.peerASN} · VLAN ${p.vlanId} · ${p.primaryPeerAddressPrefix}, ${p.secondaryPeerAddressPrefix}`;
}

function heading(ic: InterconnectStatus): string {
  const pair = ic.regionPair;
  const where = pair ? ` (${pair.ociRegion} ⇄ ${pair.peeringLocation} ⇄ ${pair.azureRegion}${pair.supported ? '' : ', UNSUPPORTED pair'})` : '';
  const rate = ic.effectiveBandwidthMbps === undefined ? '' : `, ${ic.effectiveBandwidthMbps} Mbps effective`;
  return `Interconnect ${ic.name}${where}${rate}`;
}

export function formatInterconnect(ic: InterconnectStatus): string {
  const vc = ic.virtualCircuit;
  const rows: [string, string][] = [
    ['OCI virtual circuit', `${vc.displayName} (${vc.bandwidthShapeName})`],
    ['  lifecycleState', vc.lifecycleState],
    ['  providerState', vc.providerState],
    ['  bgpSessionState', vc.bgpSessionState],
  ];
  for (const s of vc.sessions) rows.push([`  BGP ${s.path}`, `${s.state}${s.reason === undefined ? '' : ` (${s.reason})`}`]);
  if (vc.reason !== undefined) rows.push(['  reason', vc.reason]);
  const c = ic.circuit;
  if (c) {
    rows.push(
      ['ExpressRoute circuit', `${c.name} (${c.peeringLocation}, ${c.bandwidthInMbps} Mbps)`],
      ['  serviceProviderProvisioningState', c.serviceProviderProvisioningState],
      ['  circuitProvisioningState', c.circuitProvisioningState],
      ['  private peering', peering(c.privatePeering)],
    );
    if (c.serviceProviderNotes !== undefined) rows.push(['  serviceProviderNotes', c.serviceProviderNotes]);
  } else {
    rows.push(['ExpressRoute circuit', 'none (no circuit with this service key)']);
  }
  if (ic.connections.length === 0) rows.push(['Connection', 'none']);
  for (const conn of ic.connections) rows.push([`Connection ${conn.name}`, `${conn.connectionStatus} (provisioningState ${conn.provisioningState})`]);
  return `${heading(ic)}\n${keyValueTable(rows)}`;
}

export function formatInterconnects(list: readonly InterconnectStatus[]): string {
  if (list.length === 0) return 'No interconnects yet (bring a lab up with `fastroute up LAB.yaml`).';
  return list.map(formatInterconnect).join('\n\n');
}
