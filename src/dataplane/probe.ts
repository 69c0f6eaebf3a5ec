// What the data plane needs from the machine, checked before anything is created: the privileges
// (root, or CAP_NET_ADMIN and CAP_SYS_ADMIN: `ip netns add` mounts), the tools (with the Debian
// package that brings each), and the kernel features, probed on a throwaway namespace that is
// deleted again. A miss is reported as what is missing and how to get it; nothing else is touched.
// Optional features (tbf, netem, nftables, VRF) are reported for the later parts that use them.
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { newRunId, NAMESPACE_PREFIX } from './names.ts';
import { runTool } from './run.ts';

export interface Missing {
  what: string;
  fix: string;
}

export interface Features {
  tbf: boolean;
  netem: boolean;
  nftables: boolean;
  vrf: boolean;
}

export interface ProbeResult {
  ok: boolean;
  missing: Missing[];
  features?: Features;
  tools: Record<string, string>;
}

const CAP_NET_ADMIN = 12;
const CAP_SYS_ADMIN = 21;
const TOOLS: { name: string; pkg: string }[] = [
  { name: 'ip', pkg: 'iproute2' },
  { name: 'tc', pkg: 'iproute2' },
  { name: 'nft', pkg: 'nftables' },
  { name: 'sysctl', pkg: 'procps' },
];
const SEARCH = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

/** The tool's path: PATH first, then the sbin directories a non-login PATH may lack. */
export function findTool(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...envPath.split(':').filter(Boolean), ...SEARCH]) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

function effectiveCapabilities(): bigint {
  try {
    const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m?.[1] ? BigInt(`0x${m[1]}`) : 0n;
  } catch {
    return 0n;
  }
}

const has = (caps: bigint, bit: number): boolean => (caps >> BigInt(bit)) & 1n ? true : false;

export function privilegeMisses(uid = process.getuid?.() ?? -1, caps = effectiveCapabilities()): Missing[] {
  if (uid === 0 || (has(caps, CAP_NET_ADMIN) && has(caps, CAP_SYS_ADMIN))) return [];
  return [{ what: 'root, or the capabilities CAP_NET_ADMIN and CAP_SYS_ADMIN (network namespaces are mounted)', fix: 'run FastRoute as root (sudo fastroute start), or grant it: sudo setcap cap_net_admin,cap_sys_admin+ep "$(command -v node)"' }];
}

/** Required kernel features, one batch line each, in a throwaway namespace. */
const REQUIRED = [
  { line: 'link add p0 type veth peer name p1', what: 'veth interfaces (CONFIG_VETH)' },
  { line: 'link set p0 up', what: 'veth interfaces (CONFIG_VETH)' },
  { line: 'link set p1 up', what: 'veth interfaces (CONFIG_VETH)' },
  // An on-link next hop needs an IPv4 address on its device (else "Nexthop has invalid gateway").
  { line: 'address add 192.0.2.1/30 dev p0', what: 'IPv4 addresses on veth interfaces' },
  { line: 'rule add iif p0 lookup 100 priority 1000', what: 'policy routing (CONFIG_IP_MULTIPLE_TABLES)' },
  { line: 'route add 10.0.0.0/8 table 100 nexthop via 192.0.2.2 dev p0 onlink nexthop via 169.254.0.3 dev p0 onlink', what: 'multipath routes (CONFIG_IP_ROUTE_MULTIPATH)' },
];
const KERNEL_FIX = 'a kernel built with it (this kernel cannot load modules or lacks the option; no package adds it)';

async function probeKernel(tools: Record<string, string>): Promise<{ missing: Missing[]; features?: Features }> {
  const ip = tools.ip ?? 'ip';
  const ns = `${NAMESPACE_PREFIX}probe-${newRunId()}`;
  const add = await runTool(ip, ['netns', 'add', ns]);
  if (add.code !== 0) return { missing: [{ what: `network namespaces (ip netns add failed: ${add.stderr.trim()})`, fix: KERNEL_FIX }] };
  try {
    const batch = await runTool(ip, ['-n', ns, '-batch', '-'], `${REQUIRED.map((r) => r.line).join('\n')}\n`);
    if (batch.code !== 0) {
      const failed = Number(/Command failed -:(\d+)/.exec(batch.stderr)?.[1] ?? '1');
      return { missing: [{ what: `${REQUIRED[failed - 1]?.what ?? 'a required kernel feature'}: ${batch.stderr.trim().split('\n')[0] ?? ''}`, fix: KERNEL_FIX }] };
    }
    const exec = (args: string[]) => runTool(ip, ['netns', 'exec', ns, ...args]);
    const sysctl = await exec([tools.sysctl ?? 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    if (sysctl.code !== 0) return { missing: [{ what: `per-namespace sysctls: ${sysctl.stderr.trim()}`, fix: 'mount /proc/sys writable for root' }] };
    const [tbf, netem, nftables, vrf] = await Promise.all([
      exec([tools.tc ?? 'tc', 'qdisc', 'add', 'dev', 'p1', 'root', 'tbf', 'rate', '1gbit', 'burst', '256kb', 'latency', '50ms']),
      exec([tools.tc ?? 'tc', 'qdisc', 'add', 'dev', 'p0', 'root', 'netem', 'delay', '1ms']),
      exec([tools.nft ?? 'nft', 'add', 'table', 'inet', 'frprobe']),
      runTool(ip, ['-n', ns, 'link', 'add', 'vrf0', 'type', 'vrf', 'table', '10']),
    ]);
    return { missing: [], features: { tbf: tbf.code === 0, netem: netem.code === 0, nftables: nftables.code === 0, vrf: vrf.code === 0 } };
  } finally {
    await runTool(ip, ['netns', 'delete', ns]);
  }
}

let cached: ProbeResult | undefined;

/**
 * The cheap part of the check (privileges and tools, no namespace): what `status` gives as the
 * reason a data plane that is down could not come up on this machine.
 */
export function machineMisses(): { missing: Missing[]; tools: Record<string, string> } {
  const tools: Record<string, string> = {};
  const missing: Missing[] = [...privilegeMisses()];
  for (const t of TOOLS) {
    const found = findTool(t.name);
    if (found) tools[t.name] = found;
    else missing.push({ what: `the ${t.name} command`, fix: `apt-get install ${t.pkg}` });
  }
  return { missing, tools };
}

/** Checks everything; a success is kept for the life of the process (the machine does not lose features). */
export async function probePrerequisites(): Promise<ProbeResult> {
  if (cached) return cached;
  const { missing, tools } = machineMisses();
  if (missing.length > 0) return { ok: false, missing, tools };
  const kernel = await probeKernel(tools);
  const result: ProbeResult = { ok: kernel.missing.length === 0, missing: kernel.missing, tools, ...(kernel.features ? { features: kernel.features } : {}) };
  if (result.ok) cached = result;
  return result;
}
