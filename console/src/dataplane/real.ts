// What the running data plane makes real on this kernel and what it only emulates or leaves out, in
// the words of GET /dataplane: forwarding and security are the kernel's; a link's rate is real when
// tbf enforces it at both ends; a delay is real with netem, emulated by the fr-linkemu helper (a
// userspace process holding frames), or absent. Pure.
import type { DataplaneStatus } from '../api/types.ts';

export type Verdict = 'real' | 'emulated' | 'not built';

export interface Reality {
  what: string;
  verdict: Verdict;
  how: string;
}

export function realities(s: DataplaneStatus): Reality[] {
  const f = s.features;
  const ics = s.interconnectLinks ?? [];
  const shaped = ics.filter((l) => l.rate === 'real (tbf)');
  const out: Reality[] = [
    { what: 'Forwarding', verdict: 'real', how: 'kernel routes and policy rules in one network namespace per VM and router' },
    f?.nftables === false
      ? { what: 'Security lists, NSGs, guest firewalls', verdict: 'not built', how: 'no nftables in this kernel' }
      : { what: 'Security lists, NSGs, guest firewalls', verdict: 'real', how: 'nftables, one table per namespace' },
  ];
  if (ics.length > 0) {
    out.push(shaped.length === ics.length
      ? { what: 'Interconnect rate', verdict: 'real', how: `tbf at both ends of each link (${[...new Set(ics.map((l) => `${l.configuredMbit ?? '?'} Mbit/s`))].join(', ')}${ics[0]?.rateFrom ? `: ${ics[0].rateFrom}` : ''})` }
      : { what: 'Interconnect rate', verdict: 'not built', how: `not shaped${f?.tbf === false ? ': no tbf in this kernel' : ''}${s.notYet.length > 0 ? ` (${s.notYet.join('; ')})` : ''}` });
  }
  for (const d of s.delays) {
    const what = `Delay, ${d.kind.replace('interconnect-', 'interconnect ')}`;
    const amount = `${d.oneWayUs / 1000} ms each way (${d.pair}${d.confirmed ? '' : ', unconfirmed figure'})`;
    if (d.mechanism === 'netem') out.push({ what, verdict: 'real', how: `${amount} by netem in the kernel` });
    else if (d.mechanism === 'userspace-link') out.push({ what, verdict: 'emulated', how: `${amount} by fr-linkemu, a helper holding each frame (pid ${d.pid ?? '?'}${d.running === false ? ', NOT running' : ''})` });
    else out.push({ what, verdict: 'not built', how: `no delay: ${d.why}` });
  }
  const down = ics.filter((l) => l.down);
  // The cut is netem's loss 100% where netem gives the delay (its tbf child stays), else a FIFO of length 0 (qdisc-layout.ts).
  const cutBy = down.some((l) => l.ends.some((e) => e.netemLoss === true)) ? 'netem loss 100%' : 'a FIFO of length 0';
  if (down.length > 0) out.push({ what: 'Link-down drill', verdict: 'real', how: `${down.map((l) => l.path).join(', ')}: every frame dropped by ${cutBy}, carrier up` });
  const missing = [...new Set(s.notMaterialised.map((n) => n.what))];
  if (missing.length > 0) out.push({ what: 'Not built', verdict: 'not built', how: `${missing.join('; ')} (packets routed there are dropped)` });
  return out;
}
