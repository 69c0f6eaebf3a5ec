// `fastroute traffic [--at TIME] [--json]`: the declared flows placed on the running world's paths,
// per link and direction; `fastroute traffic delete [NAME]` removes one flow or all.
import type { Command } from 'commander';
import type { TrafficDeleteResponse, TrafficResponse } from '../../api/admin/traffic.ts';
import { AdminClient } from '../client.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

export function registerTraffic(program: Command): void {
  const traffic = program.command('traffic').description('the declared traffic placed on the paths: per link and direction, offered, carried, dropped, utilisation');

  traffic
    .command('show', { isDefault: true })
    .description('per-link utilisation of the declared flows (now, or at --at)')
    .option('--at <TIME>', 'place at this instant (ISO 8601, e.g. 2026-01-15T03:00:00Z); default now')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { at?: string; json?: boolean }) => {
      const res = await new AdminClient().get<TrafficResponse>('/traffic', { at: opts.at });
      if (opts.json === true) { print(json(res)); return; }
      // The table formatting loads only when a table is drawn.
      const { formatTraffic } = await import('../format/traffic.ts');
      print(formatTraffic(res));
    });

  traffic
    .command('delete [NAME]')
    .description('remove one declared flow, or all of them without a name')
    .option('--json', 'print the API response as JSON')
    .action(async (name: string | undefined, opts: { json?: boolean }) => {
      const res = await new AdminClient().delete<TrafficDeleteResponse>(name === undefined ? '/traffic' : `/traffic/${encodeURIComponent(name)}`);
      print(opts.json === true ? json(res) : res.deleted.length === 0 ? 'No flow was declared.' : `Deleted ${res.deleted.join(', ')}.`);
    });
}
