// `fastroute check LAB.yaml`: checks a lab without a server. Only the definition lives here; the
// implementation (the engine, the lab parser, the doctor) is loaded when the command runs.
import type { Command } from 'commander';

export function registerCheck(program: Command): void {
  program
    .command('check <LAB>')
    .description('check a lab without a server: bring it up in memory, trace its expectations, run the doctor; exit 0 only when all hold (1 otherwise, 2 for an invalid lab)')
    .option('--dataplane', 'also bring the lab up as a real data plane (root) and probe every expectation with real packets; fails on any disagreement between the engine and the kernel (2 when the machine cannot run a data plane)')
    .option('--bgp', 'with --dataplane: run the interconnect\'s BGP sessions with real daemons, and also compare every session\'s routes and every router\'s installed routes with the engine\'s (docs/bgp.md)')
    .option('--msee <DAEMON>', 'with --bgp: the daemon of Microsoft\'s edge, frr (default) or bird')
    .option('--json', 'print the report as JSON (the admin API\'s POST /check answer)')
    .option('--ids', 'print resource ids (OCIDs, ARM ids) instead of display names')
    .action(async (file: string, opts: { json?: boolean; ids?: boolean; dataplane?: boolean; bgp?: boolean; msee?: string }) => {
      const { runCheck } = await import('../actions/check.ts');
      await runCheck(file, opts);
    });
}
