// `fastroute clock [show | set MODE [--scale N] | advance SECONDS]`.
import type { Command } from 'commander';
import type { ClockStatus } from '../../api/admin/contract.ts';
import { AdminClient, ApiError } from '../client.ts';
import { formatClock } from '../format/clock.ts';
import { json } from '../format/table.ts';
import { toNumber } from '../numbers.ts';
import { CliExit, print } from '../output.ts';

/** The server's 409 names its API call; a CLI user needs the command that fixes it. */
async function advance(client: AdminClient, seconds: number): Promise<ClockStatus> {
  try {
    return await client.post<ClockStatus>('/clock/advance', { seconds });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 409) throw err;
    const { mode } = await client.get<ClockStatus>('/clock');
    throw new CliExit(1, `the clock is ${mode}; only a manual clock can be advanced: run \`fastroute clock set manual\` first`);
  }
}

function show(status: ClockStatus, asJson: boolean | undefined): void {
  print(asJson === true ? json(status) : formatClock(status));
}

export function registerClock(program: Command): void {
  const clock = program.command('clock').description('show or control the clock that drives lifecycle transitions');

  clock
    .command('show', { isDefault: true })
    .description('show the clock (default)')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { json?: boolean }) => {
      show(await new AdminClient().get<ClockStatus>('/clock'), opts.json);
    });

  clock
    .command('set <MODE>')
    .description('switch to instant, realistic or manual')
    .option('--scale <N>', 'multiplier on realistic delays')
    .option('--json', 'print the API response as JSON')
    .action(async (mode: string, opts: { scale?: string; json?: boolean }) => {
      const body = { mode, ...(opts.scale === undefined ? {} : { scale: toNumber(opts.scale, '--scale') }) };
      show(await new AdminClient().put<ClockStatus>('/clock', body), opts.json);
    });

  clock
    .command('advance <SECONDS>')
    .description('advance the manual clock and fire what falls due')
    .option('--json', 'print the API response as JSON')
    .action(async (secs: string, opts: { json?: boolean }) => {
      show(await advance(new AdminClient(), toNumber(secs, 'SECONDS')), opts.json);
    });
}
