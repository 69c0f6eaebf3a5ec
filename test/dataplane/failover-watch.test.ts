// The outage read off a `ping -D -O` stream (no root: ping's own output, as iputils 20221126 prints it).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { replyGap } from '../../src/dataplane/failover-watch.ts';

const reply = (t: number, seq: number) => `[${t.toFixed(6)}] 64 bytes from 10.20.10.10: icmp_seq=${seq} ttl=62 time=0.120 ms`;
const none = (t: number, seq: number) => `[${t.toFixed(6)}] no answer yet for icmp_seq=${seq}`;

void it('the longest time between two replies is the outage, with the probes lost inside it', () => {
  const lines = [reply(100, 1), reply(100.02, 2), none(101.02, 3), none(101.04, 4), reply(100.37, 5), reply(100.39, 6)];
  const text = `${lines.join('\n')}\n\n--- 10.20.10.10 ping statistics ---\n6 packets transmitted, 4 received, 33.3333% packet loss, time 100ms\n`;
  const gap = replyGap(text);
  assert.equal(gap.sent, 6);
  assert.equal(gap.replies, 4);
  assert.equal(gap.longestGapS.toFixed(2), '0.35');
  assert.equal(gap.lostInGap, 2);
  assert.equal(gap.endsAnswered, true);
});

void it('a stream whose last probes go unanswered does not end answered', () => {
  const text = `${[reply(1, 1), reply(1.02, 2), none(2.04, 3)].join('\n')}\n3 packets transmitted, 2 received, 33% packet loss\n`;
  const gap = replyGap(text);
  assert.equal(gap.endsAnswered, false);
  assert.equal(gap.longestGapS.toFixed(2), '0.02');
});
