// `fastroute doctor`: the misconfigurations in the running world, with their fixes.
import type { Command } from 'commander';
import type { DoctorResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatFindings } from '../format/doctor.ts';
import { namer } from '../format/names.ts';
import { json } from '../format/table.ts';
import { print } from '../output.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('find misconfigurations in the running world, grouped by severity, each with its fix')
    .option('--json', 'print the API response as JSON (ids, and their display names under "names")')
    .option('--ids', 'print resource ids (OCIDs, ARM ids) instead of display names')
    .action(async (opts: { json?: boolean; ids?: boolean }) => {
      const res = await new AdminClient().get<DoctorResponse>('/doctor');
      print(opts.json === true ? json(res) : formatFindings(res.findings, namer(res.names, opts.ids)));
    });
}
