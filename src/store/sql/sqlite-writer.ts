// The write path of a unit of work on SQLite, straight through better-sqlite3 with prepared
// statements kept for the life of the connection. Kysely built and prepared every statement again
// on every commit (a third of a create's cost); this writes the same rows with the same SQL
// semantics in one synchronous transaction, which also means no other call can interleave with it.
import type { Database, Statement } from 'better-sqlite3';
import type { CommitRows, CommitWriter } from './commit-rows.ts';
import { runSteps, type StepRunner, type Steps } from '../../model/steps.ts';

interface Statements {
  upsert: Statement<[string, string, string]>;
  remove: Statement<[string, string]>;
  event: Statement<[string, string, string, string | null, string, string | null, string | null, string | null, string]>;
  meta: Statement<[string, string]>;
}

export class SqliteWriter implements CommitWriter {
  // Prepared on first use: the tables exist only once the migrations have run.
  private statements: Statements | undefined;
  private readonly write: (rows: CommitRows) => number[];

  constructor(private readonly db: Database) {
    this.write = db.transaction((rows: CommitRows) => runSteps(this.writeSteps(rows)));
  }

  /** Writes everything or nothing: a throw (a body JSON cannot hold, a constraint) rolls back. */
  commit(rows: CommitRows): number[] {
    return this.write(rows);
  }

  /**
   * The same transaction, written in slices by `run` (the engine gives the event loop turns between
   * them). Only the engine writes, one unit of work at a time, so nothing else writes in between.
   */
  async commitInSlices(rows: CommitRows, run: StepRunner): Promise<number[]> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const seqs = await run(this.writeSteps(rows));
      this.db.exec('COMMIT');
      return seqs;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Every statement of a unit of work, a step per row; returns the seqs of the events. */
  private *writeSteps(rows: CommitRows): Steps<number[]> {
    const s = this.prepared();
    for (const [kind, key] of rows.deletes) {
      s.remove.run(kind, key);
      yield;
    }
    for (const [kind, key, body] of rows.upserts()) {
      s.upsert.run(kind, key, body);
      yield;
    }
    const seqs: number[] = [];
    for (const e of rows.events()) {
      seqs.push(Number(s.event.run(e.time, e.kind, e.resource_id, e.resource_name, e.change, e.field, e.before, e.after, e.cause).lastInsertRowid));
      yield;
    }
    for (const [key, value] of rows.meta) s.meta.run(key, value);
    return seqs;
  }

  private prepared(): Statements {
    this.statements ??= {
      upsert: this.db.prepare('INSERT INTO entities (kind, key, body) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body'),
      remove: this.db.prepare('DELETE FROM entities WHERE kind = ? AND key = ?'),
      event: this.db.prepare('INSERT INTO events (time, kind, resource_id, resource_name, change, field, before, after, cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      meta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    return this.statements;
  }
}
