// Worker-thread entry for parseLab: a big lab's YAML parse and validation take seconds (10,000
// subnets: ~1 s in the yaml library alone), and done on the server's thread they would stop every
// answer meanwhile. The result goes back as plain data: the lab, or the error's class and issues.
import { parentPort } from 'node:worker_threads';
import { parseLab } from '../lab/parse.ts';
import { LabLimitError } from '../lab/limits.ts';
import { LabError } from '../lab/types.ts';
import type { ParseReply, ParseRequest } from './lab-parse-message.ts';

function reply(request: ParseRequest): ParseReply {
  try {
    return { ok: true, lab: parseLab(request.text, request.file, request.limits) };
  } catch (e) {
    if (e instanceof LabLimitError) return { ok: false, error: { kind: 'limit', file: e.file, status: e.status, limit: e.limit, message: e.issues[0]?.message ?? e.message } };
    if (e instanceof LabError) return { ok: false, error: { kind: 'lab', file: e.file, issues: e.issues } };
    return { ok: false, error: { kind: 'other', message: e instanceof Error ? e.message : String(e) } };
  }
}

parentPort?.once('message', (request: ParseRequest) => {
  parentPort?.postMessage(reply(request));
});
