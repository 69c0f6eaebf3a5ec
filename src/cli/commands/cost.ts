// `fastroute cost [LAB] [--at TIME] [--json]`: the monthly estimate in the clouds' billing terms,
// of the running world (GET /cost), or of a lab file brought up in memory without a server.
import type { Command } from 'commander';
import type { CostResponse } from '../../api/admin/cost.ts';
import { AdminClient } from '../client.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

export function registerCost(program: Command): void {
  program
    .command('cost [LAB]')
    .description('monthly cost estimate: ExpressRoute circuit and gateway, FastConnect ports, data transfer for the declared traffic; plans compared')
    .option('--at <TIME>', 'the day to place the traffic over (ISO 8601; only the UTC date matters); default today')
    .option('--json', 'print the estimate as JSON (the admin API\'s GET /cost answer)')
    .action(async (file: string | undefined, opts: { at?: string; json?: boolean }) => {
      const res = file === undefined
        ? await new AdminClient().get<CostResponse>('/cost', { at: opts.at })
        : await (await import('../actions/cost.ts')).labCost(file, opts.at, opts.json === true);
      if (opts.json === true) { print(json(res)); return; }
      const { formatCost } = await import('../format/cost.ts');
      print(formatCost(res));
    });
}
