// `fastroute routes TARGET [--table T]`: the routes a route table, DRG route table (a DRG and the
// table picked by --table), VM/NIC/subnet, virtual circuit (BGP sessions) or circuit path
// (circuit:NAME:primary|secondary) sees. A target that names several things (or a DRG, with its
// several route tables) prints the choices as commands ready to paste.
import type { Command } from 'commander';
import type { RoutesCandidate, RoutesResponse } from '../../api/admin/contract.ts';
import { AdminClient, ApiError } from '../client.ts';
import { formatRoutes } from '../format/routes.ts';
import { shellWord } from '../format/shell.ts';
import { json } from '../format/table.ts';
import { CliExit, print } from '../output.ts';

interface RoutesOptions {
  table?: string;
  json?: boolean;
  ids?: boolean;
}

function command(c: RoutesCandidate): string {
  return `fastroute routes ${shellWord(c.target)}${c.table === undefined ? '' : ` --table ${shellWord(c.table)}`}`;
}

/** The choices behind an AmbiguousTarget answer, one description and one command each. */
function formatCandidates(target: string, table: string | undefined, candidates: readonly RoutesCandidate[]): string {
  const n = candidates.length;
  const drgTables = candidates.every((c) => c.table !== undefined);
  let head = `"${target}" names ${n} things; show one with:`;
  if (drgTables) head = table === undefined ? `"${target}" is a DRG with ${n} route tables; show one with:` : `--table ${table} matches ${n} route tables of "${target}"; show one with:`;
  return [head, ...candidates.map((c) => `  ${c.description}\n    ${command(c)}`)].join('\n');
}

export function registerRoutes(program: Command): void {
  program
    .command('routes <TARGET>')
    .description('show routes: a VCN or DRG route table, a DRG (with --table), a VM/instance/NIC/subnet, a virtual circuit (its BGP sessions), each by name or id, or circuit:NAME:primary|secondary')
    .option('--table <T>', 'for a DRG: vcn or vc (the table its VCN or virtual circuit attachments use), rpc, ipsec, or a route table\'s or attachment\'s name or OCID')
    .option('--json', 'print the API response as JSON')
    .option('--ids', 'show the target\'s id and next hops by id instead of display name')
    .action(async (target: string, opts: RoutesOptions) => {
      let res: RoutesResponse;
      try {
        res = await new AdminClient().get<RoutesResponse>('/routes', { target, table: opts.table });
      } catch (err) {
        const candidates = err instanceof ApiError ? err.body.candidates : undefined;
        if (candidates === undefined || candidates.length === 0 || opts.json === true) throw err;
        throw new CliExit(1, formatCandidates(target, opts.table, candidates));
      }
      print(opts.json === true ? json(res) : formatRoutes(res, { ids: opts.ids === true }));
    });
}
