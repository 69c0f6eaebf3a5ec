// `fastroute down [NAME]`: tear a lab down in the clouds' order. Without a name, the only lab up.
import type { Command } from 'commander';
import type { LabDownResponse, LabsResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatDownReport } from '../format/lab.ts';
import { ProgressPrinter } from '../progress.ts';
import { json } from '../format/table.ts';
import { CliExit, print } from '../output.ts';

async function onlyLab(client: AdminClient): Promise<string> {
  const { labs } = await client.get<LabsResponse>('/labs');
  const [first, ...rest] = labs;
  if (first === undefined) throw new CliExit(1, 'no lab is up');
  if (rest.length > 0) throw new CliExit(1, `several labs are up (${labs.join(', ')}); name the one to tear down`);
  return first;
}

export function registerDown(program: Command): void {
  program
    .command('down [NAME]')
    .description('tear a lab down (default: the only lab that is up)')
    .option('--json', 'print the API response as JSON (no progress)')
    .action(async (name: string | undefined, opts: { json?: boolean }) => {
      const client = new AdminClient();
      const lab = name ?? (await onlyLab(client));
      const path = `/labs/${encodeURIComponent(lab)}`;
      if (opts.json === true) {
        print(json(await client.delete<LabDownResponse>(path)));
        return;
      }
      const progress = new ProgressPrinter(`Tearing down ${lab}…`);
      const report = await client.stream<LabDownResponse>('DELETE', path, undefined, (line) => {
        progress.line(line, line.elapsedMs);
      }).finally(() => { progress.finish(); });
      print(formatDownReport(report));
    });
}
