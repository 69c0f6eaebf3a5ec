// `fastroute doctor`: the misconfigurations in the running world, with their fixes.
import type { Command } from 'commander';
import type { DoctorReport } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatFindings } from '../format/doctor.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('find misconfigurations in the running world, grouped by severity, each with its fix')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { json?: boolean }) => {
      const res = await new AdminClient().get<DoctorReport>('/doctor');
      print(opts.json === true ? json(res) : formatFindings(res.findings));
    });
}
