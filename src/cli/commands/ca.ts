// `fastroute ca`: where the CA certificate of the ARM endpoint is, so users can trust it
// (export NODE_EXTRA_CA_CERTS="$(fastroute ca)"); --pem prints the certificate itself.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { StatusResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { print } from '../output.ts';

export function registerCa(program: Command): void {
  program
    .command('ca')
    .description('print the path of the CA certificate that signs the ARM endpoint (for NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE)')
    .option('--pem', 'print the certificate (PEM) instead of its path')
    .action(async (opts: { pem?: boolean }) => {
      const status = await new AdminClient().get<StatusResponse>('/status');
      const path = status.endpoints.armCa;
      print(opts.pem === true ? (await readFile(path, 'utf8')).trimEnd() : path);
    });
}
