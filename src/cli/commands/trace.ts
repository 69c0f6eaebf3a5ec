// `fastroute trace --from A --to B`: one flow hop by hop across both clouds, and its reply.
import type { Command } from 'commander';
import type { TraceResult } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { json } from '../format/table.ts';
import { formatTrace } from '../format/trace.ts';
import { toInteger } from '../numbers.ts';
import { CliExit, print } from '../output.ts';

const PROTOCOLS = ['icmp', 'tcp', 'udp'];

interface TraceOptions {
  from: string;
  to: string;
  protocol: string;
  port?: string;
  json?: boolean;
}

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description('trace a flow from a VM (or address) to another across both clouds, and its reply')
    .requiredOption('--from <A>', 'source: a VM or instance name or id, or an IP address')
    .requiredOption('--to <B>', 'destination: a VM or instance name or id, or an IP address')
    .option('--protocol <P>', 'icmp, tcp or udp', 'icmp')
    .option('--port <N>', 'destination port (tcp and udp)')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: TraceOptions) => {
      const protocol = opts.protocol.toLowerCase();
      if (!PROTOCOLS.includes(protocol)) throw new CliExit(1, `--protocol must be one of ${PROTOCOLS.join(', ')}; got "${opts.protocol}"`);
      const body = { from: opts.from, to: opts.to, protocol, ...(opts.port === undefined ? {} : { port: toInteger(opts.port, '--port', 1, 65535) }) };
      const res = await new AdminClient().post<TraceResult>('/trace', body);
      print(opts.json === true ? json(res) : formatTrace(res));
    });
}
