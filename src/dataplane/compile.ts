// The data plane compiler: the engine's world and computed routes → the desired namespaces, links,
// addresses, rules and routes (plan.ts), as plain data. Pure: no I/O, so it is tested without root.
// Order matters only for references: routers before the VMs and links that attach to them, and
// routing tables filled last, once every link address exists; security last of all, on the links.
import type { Routing } from '../routing/routing.ts';
import { PlanBuilder } from './builder.ts';
import type { CompileContext, CompileScope } from './compile-context.ts';
import { compileDrgs, compileInstances, compileVcns, fillDrgTables, fillVcnTables, vcnTableNumber } from './compile-oci.ts';
import { compileLocalPeerings } from './compile-lpg.ts';
import { compileInterconnects } from './compile-interconnect.ts';
import { compileAzureVms, compileGateways, compileVnets, fillVnetTables } from './compile-azure.ts';
import { compileSecurity } from './compile-security.ts';
import { fillFastPathTables } from './compile-fastpath.ts';
import type { DataplanePlan } from './plan.ts';
import { withoutInterconnectRoutes } from './bgp-model.ts';
import { compileOnPremises } from './compile-onprem.ts';

export interface CompileOptions {
  runId: string;
  scope?: CompileScope;
  /** BGP on the wire: the edges' routes across the interconnect links come from the daemons, not the plan. */
  bgp?: boolean;
}

export function compileDataplane(r: Routing, opts: CompileOptions): DataplanePlan {
  const ctx: CompileContext = {
    r, b: new PlanBuilder(opts.runId), scope: opts.scope,
    vcns: new Map(), drgs: new Map(), attachments: new Map(), vnets: new Map(), msees: new Map(),
  };
  compileVcns(ctx);
  compileVnets(ctx);
  compileInstances(ctx);
  compileDrgs(ctx);
  compileLocalPeerings(ctx, (router, id) => vcnTableNumber(ctx, router, id));
  compileInterconnects(ctx);
  compileGateways(ctx);
  compileOnPremises(ctx, opts.bgp === true);
  compileAzureVms(ctx);
  fillVcnTables(ctx);
  fillDrgTables(ctx);
  fillVnetTables(ctx);
  fillFastPathTables(ctx);
  compileSecurity(r, ctx.b.plan);
  return opts.bgp === true ? withoutInterconnectRoutes(ctx.b.plan) : ctx.b.plan;
}
