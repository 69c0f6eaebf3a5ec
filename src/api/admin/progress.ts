// Lab operations can take minutes under the realistic clock. A client that asks for
// `application/x-ndjson` gets one line per progress step and a final result (or error) line,
// so the CLI can show progress; anyone else gets a single JSON response when it is done.
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LabProgress } from '../../engine/lab-runner.ts';
import { NDJSON, type LabDownResponse, type LabUpReport, type ProgressLine } from './contract.ts';
import { toErrorReply } from './errors.ts';

export type ProgressRun<T> = (onProgress: (p: LabProgress) => void) => Promise<T>;

export function wantsProgress(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes(NDJSON);
}

/** Answers with `status` and the result, streaming progress lines first when the client asked. */
export async function respondWithProgress<T extends LabUpReport | LabDownResponse>(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  run: ProgressRun<T>,
): Promise<FastifyReply> {
  if (!wantsProgress(req)) {
    const body = await run(() => undefined);
    return reply.code(status).send(body);
  }
  const stream = new PassThrough();
  const started = Date.now();
  const write = (line: ProgressLine): void => {
    stream.write(`${JSON.stringify(line)}\n`);
  };
  run((p) => {
    write({ type: 'progress', elapsedMs: Date.now() - started, ...p });
  }).then(
    (body) => {
      write({ type: 'result', status, body });
      stream.end();
    },
    (err: unknown) => {
      // Headers are already sent, so the error travels in the stream with its own status.
      const e = toErrorReply(err);
      if (e.status >= 500) req.log.error({ err }, 'lab operation failed');
      write({ type: 'error', status: e.status, body: e.body });
      stream.end();
    },
  );
  return reply.code(status).type(NDJSON).send(stream);
}
