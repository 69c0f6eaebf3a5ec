// GET /status shows the effective BGP session state (a drill, the prefix limit), not only the
// configured one the clouds' APIs report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTutorialServer } from './tutorial-server.ts';

interface Status { interconnects: { virtualCircuit: { bgpSessionState: string; sessions: { path: string; state: string; reason?: string }[] } }[] }

void test('status reflects a primary link-down drill, and recovers when it stops', async () => {
  const s = await startTutorialServer();
  try {
    const drill = await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal(drill.status, 201);
    const during = (await s.api('GET', '/status')).body as Status;
    const sessions = during.interconnects[0]?.virtualCircuit.sessions ?? [];
    assert.deepEqual(sessions.map((x) => [x.path, x.state]), [['Primary', 'DOWN'], ['Secondary', 'UP']]);
    assert.match(sessions[0]?.reason ?? '', /drill: primary link down/);
    assert.equal((await s.api('DELETE', '/drills')).status, 200);
    const after = (await s.api('GET', '/status')).body as Status;
    assert.deepEqual(after.interconnects[0]?.virtualCircuit.sessions.map((x) => x.state), ['UP', 'UP']);
  } finally {
    await s.close();
  }
});
