// `fastroute resolve --from VM NAME [--type A]`: a name looked up as the VM's resolver would, hop by
// hop (resolver, rule, forwarder, the UDP 53 path across the interconnect, the zone that answers).
// Exit codes as dig's users expect from scripts: 0 answered, 1 failed, 2 bad usage or no server.
import type { Command } from 'commander';
import type { ResolveResponse } from '../../api/admin/resolve.ts';
import { AdminClient } from '../client.ts';
import { json } from '../format/table.ts';
import { EXIT_USAGE, failingWith, print, usageError } from '../output.ts';

const TYPES = ['A', 'AAAA', 'CNAME', 'TXT'];

interface ResolveOptions { from: string; type: string; json?: boolean }

/** One line per hop, then the verdict; a network hop shows the hop that dropped the query. */
export function formatResolve(res: ResolveResponse): string {
  const name = (id: string) => res.names[id] ?? id;
  const lines = res.hops.map((h, i) => `${String(i + 1).padStart(2)}. ${h.kind.padEnd(19)} ${h.decision.padEnd(7)} ${h.name ?? name(h.resource)}: ${h.detail}`);
  const answer = res.answer.map((a) => `${a.name} ${a.ttl} IN ${a.type} ${a.data}`);
  return [`resolve ${res.query.name} ${res.query.type} from ${res.query.from}`, ...lines, '', ...(res.verdict === 'answered' ? answer : [res.reason])].join('\n');
}

export function registerResolve(program: Command): void {
  program
    .command('resolve')
    .description('resolve a DNS name from a VM, hop by hop across both clouds\' resolvers and the interconnect')
    .argument('<name>', 'the name to look up, e.g. db.azure.example')
    .requiredOption('--from <VM>', 'the asking VM (OCI instance or Azure VM) by name or id')
    .option('--type <T>', `record type: ${TYPES.join(', ')}`, 'A')
    .option('--json', 'print the API response as JSON')
    .addHelpText('after', '\nExit status: 0 answered, 1 failed (the reason says why), 2 bad usage, unknown VM or no server.')
    .action((name: string, opts: ResolveOptions) => failingWith(EXIT_USAGE, async () => {
      const type = opts.type.toUpperCase();
      if (!TYPES.includes(type)) throw usageError(`--type must be one of ${TYPES.join(', ')}; got "${opts.type}"`);
      const res = await new AdminClient().post<ResolveResponse>('/resolve', { from: opts.from, name, type });
      print(opts.json === true ? json(res) : formatResolve(res));
      process.exitCode = res.reason === 'UNKNOWN_CLIENT' ? EXIT_USAGE : res.verdict === 'answered' ? 0 : 1;
    }));
}
