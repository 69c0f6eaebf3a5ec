// Snapshots under the admin API (docs/snapshots.md): save, list, restore, delete, export, import.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Snapshots, checkSnapshotName } from '../../snapshots/service.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX } from './contract.ts';
import { parseInput } from './validate.ts';

const saveBody = z.strictObject({ name: z.string().min(1), lab: z.string().min(1).optional() });
const nameParams = z.strictObject({ name: z.string() });
const importQuery = z.strictObject({ name: z.string().min(1).optional() });
/** An enterprise world with its events runs to tens of MB of JSON. */
const IMPORT_LIMIT = 512 * 1024 * 1024;

export function registerSnapshotRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const snapshots = new Snapshots(ctx.engine);
  const base = `${API_PREFIX}/snapshots`;
  const nameOf = (params: unknown): string => checkSnapshotName(parseInput(nameParams, params, 'path').name);

  app.get(base, async () => ({ snapshots: await snapshots.list() }));

  app.post(base, async (req, reply) => {
    const body = parseInput(saveBody, req.body, 'body');
    return reply.code(201).send(await snapshots.save(body.name, body.lab));
  });

  app.post(`${base}/:name/restore`, async (req) => {
    const report = await snapshots.restore(nameOf(req.params));
    return { ...report, clock: ctx.engine.clockStatus() };
  });

  app.delete(`${base}/:name`, async (req) => {
    await snapshots.delete(nameOf(req.params));
    return { deleted: true };
  });

  app.get(`${base}/:name/export`, async (req, reply) => {
    const name = nameOf(req.params);
    const text = await snapshots.export(name);
    return reply.type('application/json').header('content-disposition', `attachment; filename="${name}.fastroute-snapshot.json"`).send(text);
  });

  // The file is read as text here (not by Fastify's JSON parser), so every refusal names the file's problem.
  void app.register((scope, _opts, registered) => {
    scope.addContentTypeParser(['application/json', 'application/octet-stream', 'text/plain'], { parseAs: 'string', bodyLimit: IMPORT_LIMIT }, (_req, body, done) => {
      done(null, body);
    });
    scope.post(`${base}/import`, { bodyLimit: IMPORT_LIMIT }, async (req, reply) => {
      const { name } = parseInput(importQuery, req.query, 'query');
      const text = typeof req.body === 'string' ? req.body : '';
      return reply.code(201).send(await snapshots.import(text, name));
    });
    registered();
  });
}
