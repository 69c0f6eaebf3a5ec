// Where `fastroute capture` listens: `primary` / `secondary` is that interconnect link at Oracle's
// edge (both ends see the same frames, except those a link-down drill drops), a VM is its first
// interface. The capture itself is `tcpdump` inside that namespace, bounded by `timeout`.
import { spawn } from 'node:child_process';
import type { DataplaneStatus } from './service.ts';

export interface CaptureTarget {
  ns: string;
  dev: string;
  /** What is captured, for the message. */
  what: string;
}

export const DEFAULT_CAPTURE_SECONDS = 10;
export const MAX_CAPTURE_SECONDS = 3600;

/** Resolves a capture target, or throws an Error saying what exists. */
export function captureTarget(status: DataplaneStatus, target: string, interconnect?: string): CaptureTarget {
  if (status.state !== 'up') throw new Error('the data plane is not up: `fastroute dataplane up` brings it up');
  if (target === 'primary' || target === 'secondary') {
    const oracleEdges = new Map(status.namespaces.filter((n) => n.role === 'oracle-edge').map((n) => [n.name, n]));
    const links = (status.interconnectLinks ?? []).filter((l) => l.path === target && (interconnect === undefined || matchesInterconnect(l.resourceId, oracleEdges.get(l.ends[0]?.ns ?? '')?.resourceName, interconnect)));
    if (links.length === 0) throw new Error(`no ${target} interconnect link${interconnect === undefined ? '' : ` on ${interconnect}`} in the data plane`);
    if (links.length > 1) throw new Error(`${links.length} interconnects have a ${target} link: name one with --interconnect (${links.map((l) => oracleEdges.get(l.ends[0]?.ns ?? '')?.resourceName ?? l.resourceId).join(', ')})`);
    const end = links[0]?.ends[0];
    if (!end) throw new Error(`the ${target} link has no ends`);
    return { ns: end.ns, dev: end.dev, what: `the ${target} link (${end.dev} at Oracle's edge, ${end.ns})` };
  }
  const vms = status.namespaces.filter((n) => n.role === 'vm');
  const vm = vms.find((n) => n.resourceName === target || n.name === target || n.resourceId.toLowerCase() === target.toLowerCase());
  if (!vm) throw new Error(`nothing named ${target} to capture on: primary, secondary, or a VM (${vms.map((n) => n.resourceName).join(', ') || 'none'})`);
  return { ns: vm.name, dev: 'eth0', what: `${vm.resourceName} (eth0 in ${vm.name})` };
}

const matchesInterconnect = (linkId: string, name: string | undefined, wanted: string): boolean =>
  name === wanted || linkId.toLowerCase().startsWith(`${wanted.toLowerCase()}/`);

/** The command line: tcpdump inside the namespace, stopped by `timeout` after `seconds`, packets written as they come (-U), as root (-Z root: the file is where the user says). */
export function captureCommand(ip: string, t: CaptureTarget, seconds: number, file: string, filter: readonly string[] = []): string[] {
  return [ip, 'netns', 'exec', t.ns, 'timeout', String(seconds), 'tcpdump', '-i', t.dev, '-nn', '-U', '-Z', 'root', '-w', file, ...filter];
}

/** Runs a capture writing to stdout (`-w -`) and resolves with the pcap bytes once `timeout` ends it (killed after `limitMs` regardless). */
export function captureBytes(file: string, args: readonly string[], limitMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let stderr = '';
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: limitMs, killSignal: 'SIGKILL' });
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      // 124: timeout(1) stopped tcpdump, the capture ran its full time.
      if (code === 0 || code === 124) resolve(Buffer.concat(chunks));
      else reject(new Error(`tcpdump failed (exit ${code ?? 'signal'}): ${stderr.trim().split('\n').slice(-2).join('; ')}`));
    });
  });
}
