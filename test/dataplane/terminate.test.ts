// Killing by pid (no root needed: the test's own children): SIGTERM first; what ignores it gets
// SIGKILL after the grace period, as long as the pid is still the same process (its start time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTimeOf, stillRunning, terminate } from '../../src/dataplane/processes.ts';

void test('terminate: SIGTERM, then SIGKILL for a process that ignores it; stillRunning tells a reused pid apart', async () => {
  const polite = spawn('sleep', ['30'], { stdio: 'ignore' });
  const stubborn = spawn('sh', ['-c', 'trap "" TERM; while :; do sleep 0.05; done'], { stdio: 'ignore' });
  const [p, s] = [polite.pid ?? assert.fail('spawned'), stubborn.pid ?? assert.fail('spawned')];
  try {
    // The shell sets its trap before the loop: wait until it runs the loop's sleep.
    await sleep(200);
    const pStart = startTimeOf(p) ?? assert.fail('a start time');
    assert.deepEqual(stillRunning([{ pid: p, startTime: pStart, what: 'sleep' }, { pid: p, startTime: `${pStart}1`, what: 'not it' }]), [p], 'a record with another start time is another process');
    const exits = [once(polite, 'exit'), once(stubborn, 'exit')];
    const t0 = performance.now();
    assert.deepEqual(await terminate([p, s]), [p, s]);
    const [pExit, sExit] = (await Promise.all(exits)) as [unknown[], unknown[]];
    assert.equal(pExit[1], 'SIGTERM');
    assert.equal(sExit[1], 'SIGKILL', 'the process that ignored SIGTERM got SIGKILL');
    assert.ok(performance.now() - t0 >= 900, 'after the grace period');
  } finally {
    for (const c of [polite, stubborn]) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
});
