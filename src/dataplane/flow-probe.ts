// One flow probed for real between two VM namespaces of a data plane: an ICMP echo (bounded ping),
// or a TCP/UDP connection to a listener started in the destination namespace for the probe (bound
// to the destination address and port, bounded by `timeout`, killed by pid). Only addresses held by
// the data plane's own VM namespaces are probed (the caller resolves them from the kernel).
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { runTool } from './run.ts';
import { cidr, containsAddress, ipToInt } from '../model/cidr.ts';

export interface FlowProbe {
  /** Source and destination VM namespaces. */
  fromNs: string;
  toNs: string;
  src: string;
  dst: string;
  protocol: 'icmp' | 'tcp' | 'udp';
  port?: number;
}

export interface ProbeAnswer {
  verdict: 'delivered' | 'dropped';
  /** What the kernel showed, in a few words (ping's summary, nc's error). */
  detail: string;
}

/** How long a silent drop is waited for (a reply through a dozen veth hops takes well under 10 ms). */
const WAIT_S = 1;
const LISTEN_POLLS = 40;
const POLL_MS = 25;

const firstLine = (text: string): string => text.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

async function ping(p: FlowProbe): Promise<ProbeAnswer> {
  const r = await runTool('ip', ['netns', 'exec', p.fromNs, 'ping', '-n', '-c', '1', '-W', String(WAIT_S), '-I', p.src, p.dst], undefined, (WAIT_S + 4) * 1000);
  const summary = /\d+ packets transmitted.*/.exec(r.stdout)?.[0] ?? firstLine(r.stderr || r.stdout);
  return { verdict: r.code === 0 ? 'delivered' : 'dropped', detail: `ping: ${summary}` };
}

/** SIGTERM to the listener's `timeout` (its pid: `ip netns exec` execs), which passes it on to nc and exits. */
function kill(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    // gone
  }
}

/** Waits (bounded) until the destination namespace has a socket bound to the port, so a refusal means the path. */
async function listening(ns: string, protocol: 'tcp' | 'udp', port: number): Promise<boolean> {
  for (let i = 0; i < LISTEN_POLLS; i++) {
    const r = await runTool('ip', ['netns', 'exec', ns, 'ss', '-Hn', protocol === 'tcp' ? '-lt' : '-lu', 'sport', '=', `:${port}`], undefined, 5000);
    if (r.stdout.trim() !== '') return true;
    await sleep(POLL_MS);
  }
  return false;
}

async function connect(p: FlowProbe & { protocol: 'tcp' | 'udp'; port: number }): Promise<ProbeAnswer> {
  const udp = p.protocol === 'udp' ? ['-u'] : [];
  const listener = spawn('ip', ['netns', 'exec', p.toNs, 'timeout', String(WAIT_S + 9), 'nc', ...udp, '-l', p.dst, String(p.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let received = '';
  listener.stdout?.on('data', (d: Buffer) => (received += d.toString()));
  try {
    if (!(await listening(p.toNs, p.protocol, p.port))) return { verdict: 'dropped', detail: `the probe's listener never bound ${p.dst}:${p.port} (port in use?)` };
    // Delivered when the listener received the probe's line: for TCP, the client's connect() returning
    // is not enough (a stateful firewall that saw the SYN but not the SYN-ACK drops the client's ACK
    // and data, so the listener never accepts). -N closes after the line, so no idle wait.
    const flags = p.protocol === 'udp' ? '-u' : '-N';
    const r = await runTool('sh', ['-c', `echo fastroute-probe | ip netns exec ${p.fromNs} nc ${flags} -n -w ${WAIT_S} -s ${p.src} ${p.dst} ${p.port}`], undefined, (WAIT_S + 4) * 1000);
    if (p.protocol === 'tcp' && r.code !== 0) return { verdict: 'dropped', detail: `nc: ${firstLine(r.stderr) || 'no connection within 1 s'}` };
    for (let i = 0; i < LISTEN_POLLS && !received.includes('fastroute-probe'); i++) await sleep(POLL_MS);
    if (received.includes('fastroute-probe')) return { verdict: 'delivered', detail: p.protocol === 'tcp' ? `nc: connected to ${p.dst}:${p.port}` : `nc: datagram received at ${p.dst}:${p.port}` };
    return { verdict: 'dropped', detail: p.protocol === 'tcp' ? `nc: the client connected, but the listener at ${p.dst}:${p.port} never got the connection (the handshake's last ACK went missing)` : 'nc: no datagram arrived' };
  } finally {
    kill(listener);
  }
}

export function probeFlow(p: FlowProbe): Promise<ProbeAnswer> {
  if (p.protocol === 'icmp' || p.port === undefined) return ping(p);
  return connect({ ...p, protocol: p.protocol, port: p.port });
}

/** The IPv4 addresses each namespace holds, as the kernel shows them (address → namespace). */
export async function addressesOf(namespaces: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const answers = await Promise.all(namespaces.map(async (ns) => ({ ns, r: await runTool('ip', ['-n', ns, '-4', '-o', 'addr', 'show'], undefined, 5000) })));
  for (const { ns, r } of answers) {
    for (const m of r.stdout.matchAll(/\sinet (\d+\.\d+\.\d+\.\d+)\//g)) if (m[1] && !m[1].startsWith('127.')) out.set(m[1], ns);
  }
  return out;
}

/**
 * Who holds an address: a namespace's own interface address, or, for an on-premises site, any
 * address of a prefix its kernel routes as local (`ip route show table local type local`, FastRoute's
 * site prefixes: interface addresses are /32 there and already found by addressesOf).
 */
export async function holdersOf(namespaces: readonly string[]): Promise<(ip: string) => string | undefined> {
  const addresses = await addressesOf(namespaces);
  const answers = await Promise.all(namespaces.map(async (ns) => ({ ns, r: await runTool('ip', ['-n', ns, '-4', 'route', 'show', 'table', 'local', 'type', 'local'], undefined, 5000) })));
  const prefixes = answers.flatMap(({ ns, r }) => [...r.stdout.matchAll(/^(?:local )?(\d+\.\d+\.\d+\.\d+\/\d+) /gm)].map((m) => ({ ns, net: cidr(m[1] ?? '') })));
  return (ip) => {
    const found = addresses.get(ip);
    const n = ipToInt(ip);
    return found ?? (n === undefined ? undefined : prefixes.find((p) => containsAddress(p.net, n))?.ns);
  };
}

/** Runs `jobs` with at most `limit` at a time; jobs sharing a key (a listener's address and port) run one after another. */
export async function boundedParallel<T>(jobs: readonly { key: string; run: () => Promise<T> }[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  const chains = new Map<string, number[]>();
  jobs.forEach((j, i) => chains.set(j.key, [...(chains.get(j.key) ?? []), i]));
  const queues = [...chains.values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queues.length) {
      const queue = queues[next++] ?? [];
      for (const i of queue) results[i] = await (jobs[i] as { run: () => Promise<T> }).run();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queues.length) }, worker));
  return results;
}
