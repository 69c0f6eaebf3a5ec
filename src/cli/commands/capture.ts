// `fastroute capture primary|secondary|VM [--seconds N] -w FILE.pcap [-- FILTER…]`: tcpdump inside
// the right namespace of the data plane on the right interface, for N seconds (default 10), writing
// a pcap the user opens in Wireshark. Runs where the server runs (as root), like `fastroute exec`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import type { DataplaneStatus } from '../../api/admin/contract.ts';
import { captureCommand, captureTarget, DEFAULT_CAPTURE_SECONDS, MAX_CAPTURE_SECONDS } from '../../dataplane/capture.ts';
import { findTool } from '../../dataplane/probe.ts';
import { AdminClient } from '../client.ts';
import { CliExit, EXIT_USAGE, print } from '../output.ts';

export function registerCapture(program: Command): void {
  program
    .command('capture <TARGET> [FILTER...]')
    .description('capture packets on the primary or secondary interconnect link, or a VM, into a pcap file (tcpdump in its namespace)')
    .requiredOption('-w, --write <FILE>', 'the pcap file to write')
    .option('--seconds <N>', `how long to capture (default ${DEFAULT_CAPTURE_SECONDS})`)
    .option('--interconnect <NAME>', 'the virtual circuit, when there are several')
    .action(async (target: string, filter: string[], opts: { write: string; seconds?: string; interconnect?: string }) => {
      const seconds = opts.seconds === undefined ? DEFAULT_CAPTURE_SECONDS : Number(opts.seconds);
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_CAPTURE_SECONDS) throw new CliExit(EXIT_USAGE, `--seconds must be a whole number from 1 to ${MAX_CAPTURE_SECONDS}, not ${opts.seconds ?? ''}`);
      const status = await new AdminClient().get<DataplaneStatus>('/dataplane');
      let t;
      try {
        t = captureTarget(status, target, opts.interconnect);
      } catch (err) {
        throw new CliExit(1, err instanceof Error ? err.message : String(err));
      }
      const ip = findTool('ip');
      if (ip === undefined) throw new CliExit(2, 'the ip command is missing: apt-get install iproute2');
      if (findTool('tcpdump') === undefined) throw new CliExit(2, 'the tcpdump command is missing: apt-get install tcpdump');
      const file = path.resolve(opts.write);
      const [cmd, ...args] = captureCommand(ip, t, seconds, file, filter);
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(cmd ?? ip, args, { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('error', reject);
        child.on('close', (status) => { resolve(status ?? 1); });
      });
      // timeout(1) exits 124 when it stopped tcpdump: the capture ran its full time.
      if (code !== 0 && code !== 124) throw new CliExit(1, `tcpdump failed (exit ${code})`);
      print(`Captured ${seconds} s on ${t.what} into ${file}.`);
    });
}
