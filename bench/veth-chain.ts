// Throwaway veth chains for the data plane benches: a client namespace, `routers` plain forwarding
// namespaces (no policy rules, no firewall, no qdisc), and a server namespace, all fr-prefixed and
// removed by the returned function. With no router it is the direct pair the throughput ratio is
// taken against; with as many routers as the emulated path has, it shows what the hop count alone
// costs on this machine, so the ratio's ceiling is measured in the same run instead of assumed.
import { newRunId } from '../src/dataplane/names.ts';
import { mustRun, runTool } from '../src/dataplane/run.ts';

export interface VethChain {
  client: string;
  server: string;
  /** The server's address. */
  address: string;
  remove: () => Promise<void>;
}

const SERVER_ADDRESS = '10.255.255.1';

/** Link i joins namespace i (its `rgt`, 10.255.i.1/30) to namespace i+1 (its `lft`, 10.255.i.2/30). */
export async function vethChain(routers: number): Promise<VethChain> {
  const id = newRunId();
  const names = Array.from({ length: routers + 2 }, (_, i) => `frbench${id}-${i}`);
  const last = names.length - 1;
  const remove = async (): Promise<void> => { await runTool('ip', ['-force', '-batch', '-'], names.map((n) => `netns delete ${n}\n`).join('')); };
  await mustRun('ip', ['-batch', '-'], names.map((n) => `netns add ${n}\n`).join(''));
  try {
    const links = names.slice(0, last).map((n, i) => `link add rgt netns ${n} type veth peer name lft netns ${names[i + 1]}\n`);
    await mustRun('ip', ['-batch', '-'], links.join(''));
    for (const [i, ns] of names.entries()) {
      // Routers forward with the reverse-path filter off, as the emulated routers do.
      if (i > 0 && i < last) await mustRun('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0']);
      const lines = ['link set lo up'];
      if (i > 0) lines.push('link set lft up', `address add 10.255.${i - 1}.2/30 dev lft`, `route add 10.255.0.0/30 via 10.255.${i - 1}.1 dev lft`);
      if (i < last) lines.push('link set rgt up', `address add 10.255.${i}.1/30 dev rgt`, `route add ${SERVER_ADDRESS}/32 via 10.255.${i}.2 dev rgt`);
      if (i === last) lines.push(`address add ${SERVER_ADDRESS}/32 dev lo`);
      // The client's own link is connected: no route to it (ip would refuse the duplicate).
      const script = lines.filter((l) => !(i === 1 && l.startsWith('route add 10.255.0.0/30'))).join('\n');
      await mustRun('ip', ['-n', ns, '-batch', '-'], `${script}\n`);
    }
  } catch (err) {
    await remove();
    throw err;
  }
  return { client: names[0] ?? '', server: names[last] ?? '', address: SERVER_ADDRESS, remove };
}
