// Lab limits: every bound (bytes, values, items per list, depth, aliases, alias expansion) refuses
// a lab built in memory to exceed it, with the limit named, and the largest real labs still parse.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { enterpriseLabInput } from '../../bench/enterprise-lab.ts';
import { LAB_LIMITS, LabLimitError, type LabLimits } from '../../src/lab/limits.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { BILLION_LAUGHS } from './lab-bombs.ts';

const LABS = new URL('../../labs/', import.meta.url);

function refusal(text: string, limits: Readonly<LabLimits> = LAB_LIMITS): LabLimitError {
  try {
    parseLab(text, 'x.yaml', limits);
  } catch (err) {
    if (err instanceof LabLimitError) return err;
    throw err;
  }
  assert.fail('the lab was accepted');
}

void describe('lab limits', () => {
  void it('the generated enterprise lab (4,000 subnets, anchors and aliases as yaml writes them) is within every limit', () => {
    const lab = parseLab(stringify(enterpriseLabInput()), 'enterprise.yaml');
    assert.equal(lab.oci.vcns.length, 100);
  });

  void it('every sample lab in labs/ and the largest broken one are within every limit', () => {
    const files = [...readdirSync(LABS).filter((f) => f.endsWith('.yaml')), 'broken/advertised-prefix-limit.yaml'];
    assert.ok(files.length > 3);
    for (const f of files) assert.ok(parseLab(readFileSync(new URL(f, LABS), 'utf8'), f).name.length > 0, f);
  });

  void it('more bytes than maxBytes is 413, before any parsing', () => {
    const err = refusal(`name: big\n# ${'x'.repeat(LAB_LIMITS.maxBytes)}\n`);
    assert.equal(err.status, 413);
    assert.equal(err.limit, 'maxBytes');
    assert.match(err.message, /limit is 8388608 bytes/);
  });

  void it('a list longer than maxItemsPerCollection is 400 and the limit is named', () => {
    const err = refusal(`name: long\nflows: [${'1,'.repeat(LAB_LIMITS.maxItemsPerCollection)}1]\n`);
    assert.equal(err.status, 400);
    assert.equal(err.limit, 'maxItemsPerCollection');
    assert.match(err.message, /more than 50000 items/);
  });

  void it('a block mapping with too many keys counts as one collection too', () => {
    const small = { ...LAB_LIMITS, maxItemsPerCollection: 100 };
    const keys = Array.from({ length: 101 }, (_, i) => `k${i}: 1`).join('\n');
    assert.equal(refusal(`name: wide\n${keys}\n`, small).limit, 'maxItemsPerCollection');
  });

  void it('more values in total than maxValues is 400, even when each list is within its limit', () => {
    const small = { ...LAB_LIMITS, maxValues: 1_000, maxItemsPerCollection: 400 };
    const lists = Array.from({ length: 4 }, (_, i) => `l${i}: [${Array(300).fill('1').join(', ')}]`).join('\n');
    const err = refusal(`name: many\n${lists}\n`, small);
    assert.equal(err.status, 400);
    assert.equal(err.limit, 'maxValues');
  });

  void it('deep nesting is 400 maxDepth, compact block ("- - - -") and flow ("[[[[") alike, without a stack overflow', () => {
    const compact = refusal(`${'- '.repeat(100_000)}x\n`);
    assert.equal(compact.limit, 'maxDepth');
    assert.equal(compact.status, 400);
    assert.equal(refusal(`${'['.repeat(100_000)}${']'.repeat(100_000)}\n`).limit, 'maxDepth');
  });

  void it('an alias bomb ("billion laughs") is 400 maxAliasExpansion', () => {
    const err = refusal(BILLION_LAUGHS);
    assert.equal(err.status, 400);
    assert.equal(err.limit, 'maxAliasExpansion');
    assert.match(err.message, /limit of 1000/);
  });

  void it('more alias nodes than maxAliases is 400', () => {
    const small = { ...LAB_LIMITS, maxAliases: 10 };
    assert.equal(refusal(`name: x\na: &a 1\nb: [${Array(11).fill('*a').join(', ')}]\n`, small).limit, 'maxAliases');
  });
});
