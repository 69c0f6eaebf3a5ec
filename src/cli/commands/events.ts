// `fastroute events`: the change log, filtered.
import type { Command } from 'commander';
import type { EventsResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatEvents } from '../format/events.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

interface EventsOptions {
  after?: string;
  resource?: string;
  kind?: string;
  limit?: string;
  newestFirst?: boolean;
  json?: boolean;
}

export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('list recorded state and configuration changes')
    .option('--after <N>', 'only events after this sequence number')
    .option('--resource <ID>', 'only events of this resource')
    .option('--kind <KIND>', 'only events of this kind, e.g. oci.VirtualCircuit')
    .option('--limit <N>', 'at most this many events')
    .option('--newest-first', 'newest first')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: EventsOptions) => {
      // Values go to the server as given: it validates them and answers with a clear 400.
      const res = await new AdminClient().get<EventsResponse>('/events', {
        after: opts.after,
        resourceId: opts.resource,
        kind: opts.kind,
        limit: opts.limit,
        newestFirst: opts.newestFirst,
      });
      print(opts.json === true ? json(res) : formatEvents(res.events));
    });
}
