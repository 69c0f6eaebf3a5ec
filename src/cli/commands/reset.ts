// `fastroute reset`: empties the world. Destructive, so it asks unless --yes.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { ResetResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { json } from '../format/table.ts';
import { CliExit, print } from '../output.ts';

async function confirm(url: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new CliExit(1, 'reset deletes every resource and event; pass --yes to confirm');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`Delete every resource and event in FastRoute at ${url}? Type "yes": `);
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

export function registerReset(program: Command): void {
  program
    .command('reset')
    .description('delete every resource and event (the data directory stays, empty)')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { yes?: boolean; json?: boolean }) => {
      const client = new AdminClient();
      if (opts.yes !== true && !(await confirm(client.baseUrl))) {
        print('Nothing deleted.');
        return;
      }
      const res = await client.post<ResetResponse>('/reset');
      print(opts.json === true ? json(res) : 'FastRoute is empty again (default tenancy and subscription re-created).');
    });
}
