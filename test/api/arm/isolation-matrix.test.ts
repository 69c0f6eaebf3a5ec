// The ARM isolation matrix (issue 12's standing suite), strict mode: for every operation in the
// route table, principal B (its own subscription, another tenant) aims at subscription A — A's
// resource in the URL (get, list, update, delete, actions such as listRoutesTable), and every
// reference field the SDK's model declares in the body (plus template reference()/resourceId()) set
// to A's resource — and each attempt must be refused with ARM's own error exactly as for a
// subscription that does not exist, leaving A's world unchanged; what B may list shows none of A.
// Prints a one-line JSON summary.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ARM_OPERATIONS } from '../../../src/api/arm/resources/index.ts';
import type { ArmOperation } from '../../../src/api/arm/operation.ts';
import { ALL_KINDS } from '../../../src/model/kinds.ts';
import { armBodyIdPaths } from '../../helpers/arm-sdk-id-fields.ts';
import { setPath } from '../../helpers/json-path.ts';
import { BODIES, BODY_MODELS, EXTRA_FIELDS, PARAMS, REFERENCE_ANSWERS, UNSCOPED_EXEMPT, referenceIn, templateReferences } from './isolation-cases.ts';
import { buildWorld, principal, settle, worldIds, type Principal, type World } from './isolation-world.ts';
import { startArmServer, type ArmResponse, type ArmTestServer } from './harness.ts';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';
const GHOST_SUB = '99999999-9999-4999-8999-999999999999';
const TENANT_A = '33333333-3333-4333-8333-333333333333';
const TENANT_B = '44444444-4444-4444-8444-444444444444';

type Expect = 'target' | 'reference' | 'template' | 'listing';
interface Attempt { op: ArmOperation; what: string; expect: Expect; request(foreign: World): { path: string; body: unknown } }
interface Answer { status: number; code: string; message: string; text: string }

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const group = (op: ArmOperation) => op.name.replace(/\..*$/, '');

function attemptsFor(op: ArmOperation, b: World, missing: string[]): Attempt[] {
  if (UNSCOPED_EXEMPT.has(op.name)) return [];
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  for (const p of params) if (!(p in PARAMS)) missing.push(`${op.name}: path parameter ${p}`);
  const sendsBody = op.method === 'PUT' || op.method === 'PATCH' || op.name in BODY_MODELS;
  if (sendsBody && !(op.name in BODIES)) missing.push(`${op.name}: a body`);
  if (missing.length > 0) return [];
  const pathIn = (w: World) => op.path.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p]?.(w) ?? '');
  const body = () => clone(BODIES[op.name]?.(b));
  if (!params.includes('subscriptionId')) return [{ op, what: 'listing', expect: 'listing', request: () => ({ path: op.path, body: undefined }) }];
  const out: Attempt[] = [{ op, what: 'URL', expect: 'target', request: (f) => ({ path: pathIn(f), body: body() }) }];
  if (op.method === 'GET') out.push({ op, what: 'own listing', expect: 'listing', request: () => ({ path: pathIn(b), body: undefined }) });
  const model = BODY_MODELS[op.name] ?? (op.method === 'PUT' ? BODY_MODELS[group(op)] : undefined);
  const fields = [...(model === undefined ? [] : armBodyIdPaths(model)), ...(EXTRA_FIELDS[op.name] ?? [])];
  if (op.method === 'PUT' && model === undefined && !(op.name in EXTRA_FIELDS) && !['resourceGroups', 'deployments'].includes(group(op))) missing.push(`${op.name}: its body model`);
  for (const field of fields) {
    out.push({
      op, what: field, expect: 'reference', request: (f) => {
        const sent = (body() ?? {}) as Record<string, unknown>;
        setPath(sent, field, referenceIn(field, f));
        return { path: pathIn(b), body: sent };
      },
    });
  }
  if (op.name === 'deployments.createOrUpdate') {
    templateReferences(b).forEach((_, i) => out.push({
      op, what: `template ${String(i)}`, expect: 'template', request: (f) => {
        const sent = body() as { properties: { template: Record<string, unknown> } };
        Object.assign(sent.properties.template, templateReferences(f)[i]);
        return { path: pathIn(b).replace(/d0$/, `t${String(i)}${f.sub.slice(0, 1)}`), body: sent };
      },
    }));
  }
  return out;
}

function answerOf(r: ArmResponse): Answer {
  const err = (r.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return { status: r.status, code: err?.code ?? '', message: err?.message ?? '', text: r.text };
}

/** A deployment's outcome: its PUT's refusal, or the state and error it settled in. */
async function deploymentOutcome(p: Principal, path: string, body: unknown): Promise<Answer> {
  const got = answerOf(await settle(p, path, body));
  const props = (JSON.parse(got.text || '{}') as { properties?: { provisioningState?: string; error?: { code?: string; message?: string; details?: { code?: string; message?: string }[] } } }).properties;
  const e = props?.error?.details?.[0] ?? props?.error;
  return props === undefined ? got : { status: props.provisioningState === 'Failed' ? 400 : 200, code: e?.code ?? '', message: e?.message ?? '', text: got.text };
}

void describe('ARM isolation matrix (strict mode): every operation × principal B aiming at subscription A', () => {
  let s: ArmTestServer;
  let a: World;
  let b: World;
  let pb: Principal;
  const missing: string[] = [];
  const attempts: Attempt[] = [];

  before(async () => {
    s = await startArmServer({ strictAuth: true }, {
      armPrincipals: [
        { clientId: 'app-a', clientSecret: 'secret-a', tenantId: TENANT_A, subscriptions: [SUB_A] },
        { clientId: 'app-b', clientSecret: 'secret-b', tenantId: TENANT_B, subscriptions: [SUB_B] },
      ],
    });
    a = await buildWorld(await principal(s, 'app-a', 'secret-a', TENANT_A, SUB_A), 1, BODIES);
    pb = await principal(s, 'app-b', 'secret-b', TENANT_B, SUB_B);
    b = await buildWorld(pb, 2, BODIES);
    const order = { GET: 0, HEAD: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 };
    for (const op of [...ARM_OPERATIONS].sort((x, y) => order[x.method] - order[y.method])) attempts.push(...attemptsFor(op, b, missing));
  });
  after(async () => { await s.close(); });

  void it('covers every operation and body reference the route table and the SDK declare', () => {
    assert.deepEqual(missing, []);
    const covered = new Set(attempts.map((t) => t.op.name));
    assert.deepEqual(ARM_OPERATIONS.filter((op) => !covered.has(op.name) && !UNSCOPED_EXEMPT.has(op.name)).map((op) => op.name), []);
  });

  void it("refuses every attempt as for a subscription that does not exist, and leaves A's world as it was", async () => {
    const ghost = { ...worldIds(GHOST_SUB), nicIp: a.nicIp };
    const normalise = (text: string) => text.split(SUB_A).join('SUB').split(GHOST_SUB).join('SUB');
    const inA = (e: unknown) => String((e as { id?: string }).id).toLowerCase().startsWith(`/subscriptions/${SUB_A}/`);
    const worldOfA = () => s.engine.read((view) => JSON.stringify(ALL_KINDS.flatMap((k) => view.list(k)).filter(inA)));
    const seesA = (text: string) => [SUB_A, TENANT_A, '10.1.0.', a.nicIp].some((x) => text.includes(x));
    const leaks: string[] = [];
    const inconclusive: string[] = [];
    for (const attempt of attempts) {
      const label = `${attempt.op.name} [${attempt.what}]`;
      const send = (f: World) => {
        const r = attempt.request(f);
        return attempt.expect === 'template' ? deploymentOutcome(pb, r.path, r.body) : pb.call(attempt.op.method, r.path, r.body).then(answerOf);
      };
      const before = await worldOfA();
      const got = await send(a);
      if (await worldOfA() !== before) leaks.push(`${label}: changed A's world (${String(got.status)} ${got.code})`);
      if (attempt.expect === 'listing') {
        if (seesA(got.text)) leaks.push(`${label}: B's listing shows A (${got.text.slice(0, 200)})`);
        continue;
      }
      if (attempt.expect === 'template') {
        const visible = got.text.replace(/"template":\{.*?"outputs"|"template":\{.*?"resources"/s, '');
        if (got.status < 300 || !['AuthorizationFailed', 'LinkedAuthorizationFailed'].includes(got.code) || /10\.1\.0\.|"value":\{/.test(visible)) leaks.push(`${label}: ${String(got.status)} ${got.code} ${got.message}`);
        continue;
      }
      const control = await send(ghost);
      if (got.status < 300) {
        // ARM authorises every linked scope, modelled or not: nothing foreign is accepted, even to be ignored.
        leaks.push(`${label}: ${String(got.status)}${seesA(got.text) ? " keeping A's id" : ''}`);
        continue;
      }
      const expected = attempt.expect === 'target' ? '403 AuthorizationFailed' : (REFERENCE_ANSWERS[attempt.op.name] ?? '403 LinkedAuthorizationFailed');
      // HEAD answers carry no body: the status is the whole answer.
      if (`${String(got.status)} ${got.code}` !== expected && !(attempt.op.method === 'HEAD' && expected.startsWith(String(got.status)))) {
        (got.status === 400 && attempt.expect === 'reference' && !got.message.includes(SUB_A) ? inconclusive : leaks).push(`${label}: ${String(got.status)} ${got.code} ${got.message}, expected ${expected}`);
      }
      if (got.status !== control.status || got.code !== control.code || normalise(got.message) !== normalise(control.message)) {
        leaks.push(`${label}: ${String(got.status)} ${got.code} "${got.message}" differs from the answer for a subscription that does not exist: ${String(control.status)} ${control.code} "${control.message}"`);
      }
    }
    console.log(`ISOLATION ${JSON.stringify({ cloud: 'azure', operations: ARM_OPERATIONS.length, attempts: attempts.length, leaks: leaks.length, inconclusive: inconclusive.length })}`);
    assert.deepEqual([...leaks, ...inconclusive], []);
  });
});
