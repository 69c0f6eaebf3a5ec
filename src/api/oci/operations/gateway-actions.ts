// Operation shapes the VCN gateways and peering connections share beyond CRUD: a POST action on one
// resource that answers with it (attach/detach a service), one that answers 200 with no body
// (connect a peering). Their Change*Compartment actions use change-compartment.ts, as every resource's do.
import { z } from 'zod';
import type { Tx } from '../../../model/tx.ts';
import type { Entity } from '../../../model/world.ts';
import type { OciScope } from '../../../lifecycle/oci/scope.ts';
import { checkIfMatch, entityReply } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseBody } from '../protocol/body.ts';

function idOf(params: Readonly<Record<string, string>>, path: string): string {
  const name = /\{(\w+)\}/.exec(path)?.[1] ?? 'id';
  return params[name] ?? '';
}

/** A POST action on the resource in the path, checked against if-match, answered with the resource. */
export function entityActionOp<K extends 'oci.ServiceGateway' | 'oci.LocalPeeringGateway', S extends z.ZodType>(o: {
  name: string; path: string; kind: K; body: S; run: (tx: Tx, scope: OciScope, id: string, d: z.output<S>) => Entity<K>;
}): OciOperation {
  return {
    name: o.name, client: 'VirtualNetworkClient', method: 'POST', path: o.path,
    async handle(req) {
      const id = idOf(req.params, o.path);
      const details = parseBody(o.body, req.body);
      const entity = await req.engine.mutate(`oci:${o.name}`, (tx) => {
        checkIfMatch(tx, req.scope, o.kind, id, req.ifMatch);
        return o.run(tx, req.scope, id, details);
      });
      return entityReply(o.kind, entity);
    },
  };
}

/** A POST action answered 200 with no body (the SDK's connect operations return only a request id). */
export function plainActionOp<S extends z.ZodType>(o: { name: string; path: string; body: S; run: (tx: Tx, scope: OciScope, id: string, d: z.output<S>) => void }): OciOperation {
  return {
    name: o.name, client: 'VirtualNetworkClient', method: 'POST', path: o.path,
    async handle(req) {
      const id = idOf(req.params, o.path);
      const details = parseBody(o.body, req.body);
      await req.engine.mutate(`oci:${o.name}`, (tx) => { o.run(tx, req.scope, id, details); });
      return { status: 200 };
    },
  };
}
