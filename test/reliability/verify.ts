// Test helper: after a restart, reads back through the public APIs everything the ledger says was
// acknowledged, and checks the SQLite file itself with PRAGMA integrity_check.
import Database from 'better-sqlite3';
import pg from 'pg';
import path from 'node:path';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import type { Apis, Ledger } from './writers.ts';
import { createVcn, groupUrl, RG_API, SUB } from './writers.ts';

type Group = { name: string; tags?: Record<string, string> };

async function allVcns(a: Apis): Promise<Map<string, { displayName?: string; freeformTags?: Record<string, string>; lifecycleState: string }>> {
  const out = new Map<string, { displayName?: string; freeformTags?: Record<string, string>; lifecycleState: string }>();
  let page: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const res = await a.network.listVcns({ compartmentId: DEFAULT_TENANCY_ID, limit: 1000, ...(page === undefined ? {} : { page }) });
    for (const v of res.items) out.set(v.id, v);
    page = res.opcNextPage;
    if (page === undefined) break;
  }
  return out;
}

async function allGroups(a: Apis): Promise<Map<string, Group>> {
  const out = new Map<string, Group>();
  let next: string | undefined = `${SUB}/resourcegroups${RG_API}`;
  for (let i = 0; i < 1000 && next !== undefined; i++) {
    const res = await a.arm('GET', next);
    if (res.status !== 200) throw new Error(`GET ${next}: ${res.status} ${res.text}`);
    const body = res.body as { value: Group[]; nextLink?: string };
    for (const g of body.value) out.set(g.name.toLowerCase(), g);
    next = body.nextLink === undefined ? undefined : new URL(body.nextLink).pathname + new URL(body.nextLink).search;
  }
  return out;
}

/**
 * Lost acknowledged writes, one line each (empty when none). Counters may be one ahead of the
 * acknowledged value (an update committed whose reply the kill cut off), never behind.
 */
export async function lostWrites(a: Apis, ledger: Ledger, spotCheck: ReadonlySet<string>): Promise<string[]> {
  const lost: string[] = [];
  const vcns = await allVcns(a);
  for (const [id, displayName] of ledger.vcns) {
    const v = vcns.get(id);
    if (v?.displayName !== displayName || v.lifecycleState === 'TERMINATED') lost.push(`vcn ${displayName} ${id}: ${v === undefined ? 'missing' : `${v.displayName ?? ''} ${v.lifecycleState}`}`);
  }
  for (const [id, acked] of ledger.ociCounters) {
    const seen = Number(vcns.get(id)?.freeformTags?.counter ?? 0);
    if (seen !== acked && seen !== acked + 1) lost.push(`vcn ${id} counter ${seen}, acknowledged ${acked}`);
  }
  const groups = await allGroups(a);
  for (const [name, writer] of ledger.groups) {
    if (groups.get(name.toLowerCase())?.tags?.writer !== writer) lost.push(`resource group ${name}: missing`);
  }
  for (const [name, acked] of ledger.armCounters) {
    const seen = Number(groups.get(name.toLowerCase())?.tags?.counter ?? 0);
    if (seen !== acked && seen !== acked + 1) lost.push(`resource group ${name} counter ${seen}, acknowledged ${acked}`);
  }
  // The lists could be served from somewhere the single reads are not: read some one by one too.
  for (const id of spotCheck) {
    if (ledger.vcns.has(id)) {
      const got = await a.network.getVcn({ vcnId: id }).catch(() => undefined);
      if (got?.vcn.displayName !== ledger.vcns.get(id)) lost.push(`vcn ${id}: GET does not return it`);
    } else if ((await a.arm('GET', groupUrl(id))).status !== 200) {
      lost.push(`resource group ${id}: GET does not return it`);
    }
  }
  return lost;
}

/**
 * Retries, with the same opc-retry-token and body, every VCN create the kill cut off (as a client
 * would), and returns the display names that now exist more than once: the retry must return the
 * VCN the cut-off create made, if it made one, never a second.
 */
export async function retryCutOffCreates(a: Apis, ledger: Ledger): Promise<string[]> {
  const retried = [...ledger.cutOffCreates.values()];
  for (const displayName of retried) {
    const res = await createVcn(a, displayName);
    ledger.vcns.set(res.vcn.id, displayName);
  }
  ledger.cutOffCreates.clear();
  const names = [...(await allVcns(a)).values()].map((v) => v.displayName);
  return retried.filter((d) => names.filter((n) => n === d).length !== 1);
}

/**
 * The store is sound: SQLite's PRAGMA integrity_check on the file (read-only, so it can run beside
 * the server); on PostgreSQL (`url`), every entity body and event value parses as JSON and the
 * primary key index agrees with its table (amcheck's bt_index_check). "ok" when sound.
 */
export async function storeIntegrity(dataDir: string, url: string | undefined): Promise<string> {
  if (url === undefined) return integrityCheck(dataDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
    await client.query("SELECT bt_index_check('entities_pk'::regclass, true)");
    // A cast of text that is not JSON throws: the count is only there to make the cast run.
    await client.query('SELECT count(body::jsonb) FROM entities');
    await client.query('SELECT count(before::jsonb) + count(after::jsonb) FROM events');
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end();
  }
}

/** PRAGMA integrity_check on the store's file: "ok" when sound. Read-only, so it can run beside the server. */
export function integrityCheck(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'fastroute.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
