// The data plane for humans: what `up` built and how long it took, and `status` as a table of
// namespaces (what each stands for), with what is real on this kernel, what is not yet, and the
// syncs that keep it in step with the engine.
import type { DataplaneStatus, DataplaneUpReport } from '../../api/admin/contract.ts';
import { table } from './table.ts';
import { formatBgpStatus } from './dataplane-bgp.ts';

/** `fastroute dataplane up` and `start --dataplane` exit 2 when the machine lacks something (nothing is touched). */
export const EXIT_PREREQUISITES = 2;

export function formatDataplaneStatus(s: DataplaneStatus): string {
  if (s.state === 'down') {
    const lacks = s.unavailable ?? [];
    return `The data plane is down (\`fastroute dataplane up\` brings it up).${lacks.length === 0 ? '' : ` It cannot run on this machine: ${lacks.map((m) => `${m.what} (${m.fix})`).join('; ')}.`}`;
  }
  const lines = [
    `Data plane ${s.state} (run ${s.runId ?? '?'}${s.lab === undefined ? '' : `, lab ${s.lab}`}, since ${s.createdAt ?? '?'}): ${s.namespaces.length} namespaces, ${s.links} links, ${s.processes} processes inside.`,
    table(['namespace', 'stands for', 'cloud', 'resource', 'present'], s.namespaces.map((n) => [n.name, n.role, n.cloud, n.resourceName, n.present ? 'yes' : 'NO'])),
    `Real: forwarding, by kernel routes; security lists, NSGs and guest firewalls, by nftables; kept in step with the engine by diff.${s.notYet.length === 0 ? '' : ` Not yet: ${s.notYet.join('; ')}.`}`,
    ...s.delays.map((d) => `Delay on ${d.resourceId.split('/').pop() ?? d.kind}: ${d.oneWayUs / 1000} ms each way (${d.rttMs} ms RTT, ${d.pair}${d.confirmed ? '' : ', unconfirmed figure'}) by ${d.mechanism === 'userspace-link' ? `a userspace link (fr-linkemu pid ${d.pid ?? '?'}${d.running === false ? ', NOT running' : ''})` : d.mechanism === 'netem' ? 'netem' : `nothing: ${d.why}`}.`),
  ];
  if (s.sync !== undefined) lines.push(`In step with the engine: ${s.sync.syncs} syncs${s.sync.lastMs === undefined ? '' : `, the last in ${s.sync.lastMs} ms at ${s.sync.lastAt ?? '?'}`}.${s.sync.lastError === undefined ? '' : ` The last failed: ${s.sync.lastError}`}`);
  const links = s.interconnectLinks ?? [];
  if (links.length > 0) {
    lines.push('Interconnect links (counters from the kernel, Oracle edge / Microsoft edge):', table(['link', 'rate', 'enforced', 'delay', 'qdiscs', 'state', 'tx packets', 'tx bytes', 'dropped'], links.map((l) => [
      `${l.path} (${l.resourceId.split('/')[0]?.slice(-8) ?? ''})`, l.configuredMbit === undefined ? 'none' : `${l.configuredMbit} Mbit/s`, l.rate, l.delay, l.ends.map((e) => e.layout).join(' / '), l.down ? 'DOWN (drill: frames dropped, carrier up)' : 'up',
      l.ends.map((e) => e.txPackets).join(' / '), l.ends.map((e) => e.txBytes).join(' / '), l.ends.map((e) => e.drops).join(' / '),
    ])));
  }
  const others = s.otherLinks ?? [];
  if (others.length > 0) {
    const named = new Map(s.namespaces.map((n) => [n.name, n.resourceName]));
    const ends = (l: (typeof others)[number]) => l.ends.map((e) => `${named.get(e.ns) ?? e.ns}:${e.dev}`).join(' ⇄ ');
    lines.push('Other links (a ⇄ b; packets each way from each end\'s transmit):', table(['link', 'ends', 'a→b packets', 'b→a packets', 'dropped'], others.map((l) => [
      l.kind, ends(l), String(l.ends[0]?.txPackets ?? 0), String(l.ends[1]?.txPackets ?? 0), String(l.ends.reduce((n, e) => n + e.drops + e.rxDropped + e.txDropped, 0)),
    ])));
  }
  lines.push(...formatBgpStatus(s.bgp));
  if (s.notMaterialised.length > 0) lines.push(`Not built (packets routed there are dropped): ${s.notMaterialised.map((n) => n.what).filter((w, i, all) => all.indexOf(w) === i).join('; ')}.`);
  if (s.state === 'leftovers') lines.push('These are leftovers of a FastRoute that stopped without `down`: `fastroute dataplane down` or the next start removes them.');
  return lines.join('\n');
}

export function formatDataplaneUp(r: DataplaneUpReport): string {
  const t = r.timings;
  const reaped = r.reaped ? `Removed the previous data plane (run ${r.reaped.runId}, ${r.reaped.namespacesRemoved} namespaces).\n` : '';
  return `${reaped}${formatDataplaneStatus(r.status)}\nUp in ${t.totalMs + r.compileMs} ms (compile ${r.compileMs}, namespaces ${t.namespacesMs}, sysctls ${t.sysctlsMs}, links ${t.linksMs}, addresses and routes ${t.routesMs}, firewalls ${t.firewallsMs}${t.bgpMs === undefined ? '' : `; BGP daemons started in ${t.bgpMs}`}; prerequisites ${r.probeMs}).\nRun a command in a VM: fastroute exec VM -- ping -c 3 ADDRESS`;
}
