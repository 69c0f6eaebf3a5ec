// Durability as users rely on it: a write FastRoute acknowledged survives the process being killed
// with SIGKILL mid-stream (SQLite: WAL, synchronous=NORMAL; PostgreSQL: a committed transaction),
// and the database opens cleanly afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { STORE_DIALECTS, withStorePlace, type StorePlace } from '../helpers/store-dialects.ts';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-writer.ts');
const ACKS_BEFORE_KILL = 50;

/** Runs the writer until it has acknowledged `count` creates, then kills it with SIGKILL. */
function writeThenKill(place: StorePlace, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, place.dataDir, ...(place.url === undefined ? [] : [place.url])], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      acked.push(...lines);
      if (acked.length >= count && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited ${code ?? ''} before the kill: ${stderr}`));
    });
  });
}

for (const d of STORE_DIALECTS) {
  void test(`${d.name}: every create acknowledged before a kill -9 is there after a restart`, { skip: d.skip }, () =>
    withStorePlace(d.name, async (place) => {
      const acked = await writeThenKill(place, ACKS_BEFORE_KILL);
      assert.ok(acked.length >= ACKS_BEFORE_KILL);
      const engine = await Engine.open({ store: await openStore(place) });
      try {
        const missing = acked.filter((id) => engine.world.get('oci.Vcn', id) === undefined);
        assert.deepEqual(missing, [], 'acknowledged VCNs lost by the kill');
        // Every VCN stored came with its default route table: no half-written unit of work.
        for (const vcn of engine.world.list('oci.Vcn')) assert.ok(engine.world.get('oci.RouteTable', vcn.defaultRouteTableId), `${vcn.id} without its route table`);
      } finally {
        await engine.close();
      }
    }));
}
