// `fastroute exec VM -- COMMAND…`: runs a command inside that VM's namespace of the data plane
// (`ip netns exec`), with the terminal attached, and exits with the command's exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Command } from 'commander';
import type { DataplaneStatus } from '../../api/admin/contract.ts';
import { findTool } from '../../dataplane/probe.ts';
import { AdminClient } from '../client.ts';
import { CliExit } from '../output.ts';

/** The VM's (or on-premises site's) namespace: by name, resource id, or the namespace's own name. */
export function vmNamespace(status: DataplaneStatus, vm: string): string {
  if (status.state === 'down') throw new CliExit(1, 'the data plane is down: `fastroute dataplane up` brings it up');
  const vms = status.namespaces.filter((n) => n.role === 'vm' || n.role === 'on-premises');
  const found = vms.find((n) => n.resourceName === vm || n.name === vm || n.resourceId.toLowerCase() === vm.toLowerCase());
  if (!found) throw new CliExit(1, `no VM named ${vm} in the data plane (VMs: ${vms.map((n) => n.resourceName).join(', ') || 'none'})`);
  return found.name;
}

export function registerExec(program: Command): void {
  program
    .command('exec <VM> <COMMAND...>')
    .description('run a command inside a VM or an on-premises site of the data plane, e.g. fastroute exec vm-oci -- ping -c 3 10.20.10.10')
    .action(async (vm: string, command: string[]) => {
      const ns = vmNamespace(await new AdminClient().get<DataplaneStatus>('/dataplane'), vm);
      const ip = findTool('ip');
      if (ip === undefined) throw new CliExit(2, 'the ip command is missing: apt-get install iproute2');
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(ip, ['netns', 'exec', ns, ...command], { stdio: 'inherit' });
        child.on('error', reject);
        child.on('close', (status, signal) => {
          resolve(status ?? 128 + (signal ? constants.signals[signal] : 0));
        });
      });
      process.exitCode = code;
    });
}
