// `fastroute up LAB.yaml`: the file is read here and sent as text, so the server never needs
// access to the client's disk (it may run elsewhere, e.g. a shared team server).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { LabUpReport, StatusResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatInterconnects } from '../format/interconnects.ts';
import { formatUpReport } from '../format/lab.ts';
import { ProgressPrinter } from '../progress.ts';
import { json } from '../format/table.ts';
import { CliExit, print } from '../output.ts';

export function registerUp(program: Command): void {
  program
    .command('up <LAB>')
    .description('apply a lab file and wait until its interconnects settle')
    .option('--json', 'print the API response as JSON (no progress)')
    .action(async (file: string, opts: { json?: boolean }) => {
      let yaml: string;
      try {
        yaml = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliExit(1, `cannot read ${file}: ${(err as Error).message}`);
      }
      const client = new AdminClient();
      const body = { yaml, file };
      if (opts.json === true) {
        print(json(await client.post<LabUpReport>('/labs', body)));
        return;
      }
      const progress = new ProgressPrinter(`Applying ${file}…`);
      const report = await client.stream<LabUpReport>('POST', '/labs', body, (line) => {
        progress.line(line, line.elapsedMs);
      }).finally(() => { progress.finish(); });
      print(formatUpReport(report));
      const status = await client.get<StatusResponse>('/status');
      print(formatInterconnects(status.interconnects));
    });
}
