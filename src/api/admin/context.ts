// What the admin routes need from the server that hosts them. The API never opens the store or
// knows about ports: the server hands it a running engine and describes itself.
import type { Engine } from '../../engine/engine.ts';
import type { Endpoints } from './contract.ts';
import type { Dataplane } from '../../dataplane/service.ts';

export interface AdminContext {
  engine: Engine;
  version: string;
  /** Where the data lives ("/path/fastroute.db" or ":memory:"). */
  dataLocation: string;
  /** A function because the admin URL is known only once the server listens (port 0 in tests). */
  endpoints(): Endpoints;
  /** The server's data plane (namespaces, links, routes); absent: one is made on first use, with a private record. */
  dataplane?: Dataplane;
}
