// A UDP exchange whose reply alone crosses a stateful firewall, for real (root): on the asymmetric
// firewall with UDP opened, vm-azure-app sends a datagram to vm-app (straight from the DRG, bypassing
// fw-oci) and vm-app answers (through fw-oci, which never saw the request). The engine says delivered:
// conntrack takes the answer for a new flow and forwards it. The agreement test's UDP probe only checks
// that the request arrives, so the answer is checked here, against a ping on the same path (whose echo
// reply fw-oci drops as invalid).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { asymmetricProtocols } from '../helpers/asymmetric-firewall.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { checkLabOn, withPrivateEngine } from '../../src/check/check.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun } from './machine.ts';

const ECHO = "import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(('10.11.1.10',5000));d,a=s.recvfrom(100);s.sendto(b'echo:'+d,a)";
// The client retries a few times (the server may not be bound yet), each waiting 1 s for the answer.
const ASK = "import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(('10.21.1.10',49152));s.settimeout(1)\n"
  + "for _ in range(4):\n  s.sendto(b'hi',('10.11.1.10',5000))\n  try:\n    print(s.recvfrom(100)[0].decode());break\n  except socket.timeout:\n    pass";

const missing = dataplaneMissing() ?? (findTool('python3') === undefined ? 'skipped: python3 not found (apt-get install python3)' : undefined);

describeWithTool('a UDP answer crossing only fw-oci passes; an echo reply on the same path does not', missing, () => {
  void it('vm-azure-app → vm-app: the UDP answer comes back through fw-oci, the ping does not', { timeout: 60_000 }, async () => {
    const lab = parseLab(asymmetricProtocols(readFileSync('labs/broken/asymmetric-firewall.yaml', 'utf8')), 'asymmetric-firewall-protocols.yaml');
    await withPrivateEngine(async (engine) => {
      await checkLabOn(engine, lab);
      const dp = new Dataplane(engine, undefined);
      let runId = '';
      try {
        const up = await dp.up();
        runId = up.status.runId ?? '';
        const ns = (vm: string): string => dp.status().namespaces.find((n) => n.resourceName === vm)?.name ?? '';
        const server = spawn('ip', ['netns', 'exec', ns('vm-app'), 'timeout', '10', 'python3', '-c', ECHO], { stdio: 'ignore' });
        try {
          await sleep(200);
          const answer = await inNamespace(ns('vm-azure-app'), ['timeout', '8', 'python3', '-c', ASK]);
          assert.equal(answer.stdout.trim(), 'echo:hi', `the answer came back: ${answer.stderr}`);
        } finally {
          if (server.exitCode === null && server.pid !== undefined) process.kill(server.pid, 'SIGTERM');
        }
        const ping = await inNamespace(ns('vm-azure-app'), ['ping', '-n', '-c', '1', '-W', '1', '-I', '10.21.1.10', '10.11.1.10']);
        assert.notEqual(ping.code, 0, 'the echo reply, which fw-oci never saw the request of, is dropped');
      } finally {
        await dp.close();
      }
      assert.deepEqual(namespacesOfRun(runId), [], 'the data plane was taken down');
    });
  });
});
