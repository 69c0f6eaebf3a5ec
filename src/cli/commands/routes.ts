// `fastroute routes TARGET`: the routes a route table, DRG route table, VM/NIC/subnet, virtual
// circuit (BGP sessions) or circuit path (circuit:NAME:primary|secondary) sees.
import type { Command } from 'commander';
import type { RoutesResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatRoutes } from '../format/routes.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

export function registerRoutes(program: Command): void {
  program
    .command('routes <TARGET>')
    .description('show routes: a route table or DRG route table (OCID), a VM/instance/NIC/subnet (name or id), a virtual circuit (its BGP sessions), or circuit:NAME:primary|secondary')
    .option('--json', 'print the API response as JSON')
    .action(async (target: string, opts: { json?: boolean }) => {
      const res = await new AdminClient().get<RoutesResponse>('/routes', { target });
      print(opts.json === true ? json(res) : formatRoutes(res));
    });
}
