// Plain tables for humans. No colours: output is often piped or captured by CI logs.
// cli-table3 (and its string-width helpers) is required on first use, not when the CLI starts:
// `--help`, `--json` and errors never draw a table.
import { createRequire } from 'node:module';
import type TableConstructor from 'cli-table3';

let TableClass: typeof TableConstructor | undefined;

function newTable(options: TableConstructor.TableConstructorOptions): InstanceType<typeof TableConstructor> {
  TableClass ??= createRequire(import.meta.url)('cli-table3') as typeof TableConstructor;
  return new TableClass(options);
}

const STYLE = { head: [], border: [], compact: true };

/** A table with a header row. */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const t = newTable({ head: [...head], style: STYLE });
  for (const row of rows) t.push([...row]);
  return t.toString();
}

/** A two-column key/value table. */
export function keyValueTable(rows: readonly (readonly [string, string | number])[]): string {
  const t = newTable({ style: STYLE });
  for (const [k, v] of rows) t.push([k, v]);
  return t.toString();
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
