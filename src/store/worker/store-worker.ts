// Worker-thread entry of the off-thread store: it owns the only SQLite connection and answers the
// server's calls strictly one after another, in the order they were sent (a commit and the events
// query after it keep their order, as on one thread). A commit's rows arrive serialised; the write
// itself is the same one-transaction, all-or-nothing write as on the server's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { sqliteDialect } from '../sql/dialects/sqlite.ts';
import { SqlStore } from '../sql/sql-store.ts';
import { rowsFromText, type StoreAnswer, type StoreCall, type StoreErrorData, type StoreWorkerData } from './store-message.ts';

const { file } = workerData as StoreWorkerData;
const store = new SqlStore(sqliteDialect(file));

function answer(call: StoreCall): Promise<unknown> {
  switch (call.op) {
    case 'migrate': return store.migrate();
    case 'loadAllText': return store.loadAllText();
    case 'reset': return store.reset();
    case 'close': return store.close();
    case 'commit': return store.commitSerialised(rowsFromText(call.rows));
    case 'events': return store.events(call.query);
    case 'getMeta': return store.getMeta(call.key);
    case 'pruneEvents': return store.pruneEvents(call.keep);
    case 'saveSnapshot': return store.saveSnapshot(call.record);
    case 'listSnapshots': return store.listSnapshots();
    case 'getSnapshot': return store.getSnapshot(call.name);
    case 'deleteSnapshot': return store.deleteSnapshot(call.name);
    case 'replaceWorld': return store.replaceWorld(call.image);
  }
}

function errorData(err: unknown): StoreErrorData {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (call: StoreCall) => {
  queue = queue.then(async () => {
    let reply: StoreAnswer;
    try {
      reply = { id: call.id, ok: true, value: await answer(call) };
    } catch (err) {
      reply = { id: call.id, ok: false, error: errorData(err) };
    }
    parentPort?.postMessage(reply);
  });
});
