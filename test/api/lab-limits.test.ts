// Lab limits through the admin API: an oversized lab is 413, one with too many items or an alias
// bomb is 400 naming the limit, each answered at once, and the server keeps answering /status.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LAB_LIMITS } from '../../src/lab/limits.ts';
import { BILLION_LAUGHS } from '../lab/lab-bombs.ts';
import { startTestServer, type TestServer } from './server.ts';

interface LimitBody { code: string; message: string }

void describe('admin API: lab limits', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  async function refused(yaml: string, status: number, code: string, pattern: RegExp): Promise<void> {
    const r = await s.api('POST', '/labs', { yaml, file: 'attack.yaml' });
    assert.equal(r.status, status, r.text.slice(0, 300));
    const body = r.body as LimitBody;
    assert.equal(body.code, code);
    assert.match(body.message, pattern);
    assert.equal((await s.api('GET', '/status')).status, 200, 'the server still answers');
    assert.deepEqual(((await s.api('GET', '/labs')).body as { labs: string[] }).labs, [], 'nothing was applied');
  }

  void it('a lab over the byte limit is 413 PayloadTooLarge naming the limit', async () => {
    await refused(`name: big\n# ${'x'.repeat(LAB_LIMITS.maxBytes)}\n`, 413, 'PayloadTooLarge', /limit is 8388608 bytes/);
  });

  void it('a flow list over the item limit is 400 LabLimitExceeded', async () => {
    await refused(`name: flood\nflows: [${'1,'.repeat(LAB_LIMITS.maxItemsPerCollection)}1]\n`, 400, 'LabLimitExceeded', /more than 50000 items/);
  });

  void it('an alias bomb is 400 LabLimitExceeded', async () => {
    await refused(BILLION_LAUGHS, 400, 'LabLimitExceeded', /aliases expand beyond the limit of 1000/);
  });

  void it('deep nesting is 400 LabLimitExceeded', async () => {
    await refused(`${'- '.repeat(50_000)}x\n`, 400, 'LabLimitExceeded', /deeper than 64 levels/);
  });

  void it('POST /check applies the same limits', async () => {
    const r = await s.api('POST', '/check', { yaml: BILLION_LAUGHS, file: 'attack.yaml' });
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.equal((r.body as LimitBody).code, 'LabLimitExceeded');
  });
});
