// `fastroute diff BEFORE [AFTER]`: what a change does before it is made. Only the definition lives
// here; the implementation is loaded when the command runs.
import { Option, type Command } from 'commander';

export function registerDiff(program: Command): void {
  program
    .command('diff <BEFORE> [AFTER]')
    .description('compare two worlds (each a lab file, or "running" / "-" for the running world) after applying --change to AFTER (default: BEFORE): every flow whose verdict changes, with the hop that decides each side, the routes and the doctor findings that differ; exit 1 when --fail-on is met')
    .option('--change <FILE>', 'apply a change to the after side: a JSON/YAML list of API operations ({api: oci|arm, method, path, body}) or a lab applied on top')
    .option('--within', 'also compare flows between subnets of the same cloud')
    .addOption(new Option('--fail-on <WHAT>', 'exit 1 when: any verdict changes, a delivered flow is lost, or never').choices(['any', 'lost', 'none']).default('lost'))
    .option('--json', 'print the report as JSON (the admin API\'s POST /diff answer)')
    .action(async (before: string, after: string | undefined, opts: { change?: string; within?: boolean; failOn: 'any' | 'lost' | 'none'; json?: boolean }) => {
      const { runDiffCommand } = await import('../actions/diff.ts');
      await runDiffCommand(before, after, opts);
    });
}
