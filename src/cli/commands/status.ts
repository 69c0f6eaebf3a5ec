// `fastroute status`: what FastRoute is doing, and the state of every interconnect.
import type { Command } from 'commander';
import type { StatusResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatStatus } from '../format/status.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show endpoints, clock, labs and each interconnect\'s states')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { json?: boolean }) => {
      const status = await new AdminClient().get<StatusResponse>('/status');
      print(opts.json === true ? json(status) : formatStatus(status));
    });
}
