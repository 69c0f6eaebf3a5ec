// `fastroute trace --from A --to B`: one flow hop by hop across both clouds, and its reply. The
// exit code answers "did it get through?" as ping's does, so scripts can branch on it.
import type { Command } from 'commander';
import type { TraceResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { json } from '../format/table.ts';
import { formatTrace } from '../format/trace.ts';
import { toInteger } from '../numbers.ts';
import { EXIT_USAGE, failingWith, print, usageError } from '../output.ts';

const PROTOCOLS = ['icmp', 'tcp', 'udp'] as const;
type Protocol = (typeof PROTOCOLS)[number];

/** Exit codes: the flow and its reply got through, or were dropped; anything else (bad usage, unknown endpoint, no server) is 2. */
const EXIT_DELIVERED = 0;
const EXIT_DROPPED = 1;

const EXIT_HELP = `
Exit status (as ping's):
  0  delivered: the request and its reply got through
  1  dropped: the request or its reply was dropped (the verdict says where and why)
  2  not traced: bad usage (e.g. tcp without --port), an unknown endpoint (UNKNOWN_ENDPOINT), or no server`;

interface TraceOptions {
  from: string;
  to: string;
  protocol: string;
  port?: string;
  json?: boolean;
  ids?: boolean;
}

function isProtocol(p: string): p is Protocol {
  return (PROTOCOLS as readonly string[]).includes(p);
}

/** The request body, or a usage error in CLI terms (before any server round trip). */
function traceRequest(opts: TraceOptions): { from: string; to: string; protocol: Protocol; port?: number } {
  const protocol = opts.protocol.toLowerCase();
  if (!isProtocol(protocol)) throw usageError(`--protocol must be one of ${PROTOCOLS.join(', ')}; got "${opts.protocol}"`);
  if (protocol !== 'icmp' && opts.port === undefined) throw usageError(`${protocol} needs --port (the destination port), e.g. --port 22`);
  if (protocol === 'icmp' && opts.port !== undefined) throw usageError('icmp has no ports: drop --port, or use --protocol tcp or udp');
  return { from: opts.from, to: opts.to, protocol, ...(opts.port === undefined ? {} : { port: toInteger(opts.port, '--port', 1, 65535) }) };
}

function exitCodeOfTrace(res: Pick<TraceResponse, 'verdict' | 'reason'>): number {
  if (res.reason === 'UNKNOWN_ENDPOINT') return EXIT_USAGE;
  return res.verdict === 'delivered' ? EXIT_DELIVERED : EXIT_DROPPED;
}

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description('trace a flow from a VM (or address) to another across both clouds, and its reply')
    .requiredOption('--from <A>', 'source: a VM or instance name or id, or an IP address')
    .requiredOption('--to <B>', 'destination: a VM or instance name or id, or an IP address')
    .option('--protocol <P>', 'icmp, tcp or udp', 'icmp')
    .option('--port <N>', 'destination port (needed for tcp and udp)')
    .option('--json', 'print the API response as JSON (ids, and their display names under "names")')
    .option('--ids', 'print resource ids (OCIDs, ARM ids) instead of display names')
    .addHelpText('after', EXIT_HELP)
    .action((opts: TraceOptions) => failingWith(EXIT_USAGE, async () => {
      const res = await new AdminClient().post<TraceResponse>('/trace', traceRequest(opts));
      print(opts.json === true ? json(res) : formatTrace(res, { ids: opts.ids === true }));
      process.exitCode = exitCodeOfTrace(res);
    }));
}
