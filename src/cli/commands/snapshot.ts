// `fastroute snapshot save|restore|list|delete|export|import` (docs/snapshots.md).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { SnapshotInfo } from '../../store/snapshot-port.ts';
import { AdminClient } from '../client.ts';
import { json, table } from '../format/table.ts';
import { CliExit, print } from '../output.ts';

const enc = encodeURIComponent;
const describe = (s: SnapshotInfo): string => `${s.name} (${s.lab === null ? 'whole world' : `lab ${s.lab}`}, ${s.entities} resources, ${s.events} events)`;

export function registerSnapshot(program: Command): void {
  const cmd = program.command('snapshot').description('save the world (or one lab) and restore it later');

  cmd.command('save <name>').description('save the world as it is now (replaces a snapshot of that name)')
    .option('--lab <lab>', "only that lab's resources")
    .option('--json', 'print the API response as JSON')
    .action(async (name: string, opts: { lab?: string; json?: boolean }) => {
      const s = await new AdminClient().post<SnapshotInfo>('/snapshots', { name, ...(opts.lab === undefined ? {} : { lab: opts.lab }) });
      print(opts.json === true ? json(s) : `Saved ${describe(s)}.`);
    });

  cmd.command('restore <name>').description('replace the world (or the lab) with the snapshot')
    .option('--json', 'print the API response as JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      const r = await new AdminClient().post<{ snapshot: SnapshotInfo; ms: number }>(`/snapshots/${enc(name)}/restore`);
      print(opts.json === true ? json(r) : `Restored ${describe(r.snapshot)} in ${r.ms} ms.`);
    });

  cmd.command('list').description('the saved snapshots')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await new AdminClient().get<{ snapshots: SnapshotInfo[] }>('/snapshots');
      if (opts.json === true) print(json(r));
      else print(r.snapshots.length === 0 ? 'No snapshots.' : table(['NAME', 'SCOPE', 'RESOURCES', 'EVENTS', 'CREATED'], r.snapshots.map((s) => [s.name, s.lab ?? 'world', s.entities, s.events, s.created])));
    });

  cmd.command('delete <name>').description('delete a snapshot')
    .action(async (name: string) => {
      await new AdminClient().delete(`/snapshots/${enc(name)}`);
      print(`Deleted snapshot ${name}.`);
    });

  cmd.command('export <name> <file>').description('write a snapshot to a file (versioned JSON)')
    .action(async (name: string, file: string) => {
      const doc = await new AdminClient().get<unknown>(`/snapshots/${enc(name)}/export`);
      writeFileSync(file, JSON.stringify(doc));
      print(`Exported snapshot ${name} to ${file}.`);
    });

  cmd.command('import <file>').description('store a snapshot file (checked first: a newer or malformed file is refused)')
    .option('--name <name>', 'store it under this name instead of the one in the file')
    .option('--json', 'print the API response as JSON')
    .action(async (file: string, opts: { name?: string; json?: boolean }) => {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new CliExit(1, `cannot read snapshot file ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const qs = opts.name === undefined ? '' : `?name=${enc(opts.name)}`;
      const s = await new AdminClient().post<SnapshotInfo>(`/snapshots/import${qs}`, doc);
      print(opts.json === true ? json(s) : `Imported ${describe(s)}.`);
    });
}
