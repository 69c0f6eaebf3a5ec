// `fastroute alerts [--state firing|pending] [--json] [--ids]`: the shipped alerting rules evaluated
// by the running FastRoute on its own metric history (GET /alerts).
import type { Command } from 'commander';
import type { AlertsResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

export function registerAlerts(program: Command): void {
  program
    .command('alerts')
    .description('active alerts (the rules in monitoring/prometheus/fastroute-alerts.yml): pending or firing, since when, and why')
    .option('--state <STATE>', 'only pending or only firing alerts')
    .option('--json', 'print the API response as JSON (ids, and their display names under "names")')
    .option('--ids', 'print resource ids (OCIDs, ARM ids) instead of display names')
    .action(async (opts: { state?: string; json?: boolean; ids?: boolean }) => {
      const res = await new AdminClient().get<AlertsResponse>('/alerts', { state: opts.state });
      if (opts.json === true) { print(json(res)); return; }
      // The table formatting loads only when a table is drawn.
      const [{ formatAlerts }, { namer }] = await Promise.all([import('../format/alerts.ts'), import('../format/names.ts')]);
      print(formatAlerts(res, namer(res.names, opts.ids)));
    });
}
