// The last NOTIFICATION of a session in the RFCs' words, from what FRR and BIRD record (pure).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { birdLastError, frrLastError, notificationText } from '../../src/dataplane/bgp-notification.ts';
import { birdSessions, frrSessions } from '../../src/dataplane/bgp-status.ts';

void it('names codes and subcodes as RFC 4271 and its updates do', () => {
  assert.equal(notificationText(2, 2), 'OPEN Message Error / Bad Peer AS');
  assert.equal(notificationText(3, 5), 'UPDATE Message Error / Attribute Length Error');
  assert.equal(notificationText(3, 1), 'UPDATE Message Error / Malformed Attribute List');
  assert.equal(notificationText(4, 0), 'Hold Timer Expired');
  assert.equal(notificationText(6, 10), 'Cease / BFD Down');
  assert.equal(notificationText(3, 99), 'UPDATE Message Error / subcode 99');
});

void it('FRR: a reset by NOTIFICATION sent or received is the last error; other resets are none', () => {
  assert.deepEqual(frrLastError({ lastResetDueTo: 'BGP Notification send', lastErrorCodeSubcode: '0202', lastNotificationReason: 'OPEN Message Error/Bad Peer AS' }), {
    code: 2, subcode: 2, text: 'OPEN Message Error / Bad Peer AS', direction: 'sent', daemonSays: 'BGP Notification send: OPEN Message Error/Bad Peer AS',
  });
  assert.equal(frrLastError({ lastResetDueTo: 'BGP Notification received', lastErrorCodeSubcode: '0301' })?.direction, 'received');
  assert.equal(frrLastError({ lastResetDueTo: 'BFD down received', lastErrorCodeSubcode: '0000' }), undefined);
  assert.equal(frrLastError({ lastResetDueTo: 'Waiting for peer OPEN' }), undefined);
  assert.equal(frrLastError(undefined), undefined);
});

void it('BIRD: "BGP Error:" is sent, "Received:" received; socket and its own errors are not NOTIFICATIONs', () => {
  assert.deepEqual(birdLastError('BGP Error: Bad peer AS'), { code: 2, subcode: 2, text: 'OPEN Message Error / Bad Peer AS', direction: 'sent', daemonSays: 'BGP Error: Bad peer AS' });
  assert.equal(birdLastError('Received: Malformed attribute list')?.text, 'UPDATE Message Error / Malformed Attribute List');
  assert.equal(birdLastError('BGP Error: Invalid attribute length')?.subcode, 5);
  assert.equal(birdLastError('Received: Hold timer expired')?.text, 'Hold Timer Expired');
  assert.equal(birdLastError('Socket: Connection refused'), undefined);
  assert.equal(birdLastError('Error: Route limit exceeded'), undefined);
});

const neighbors = [{ path: 'primary' as const, peerIp: '192.168.100.1', dev: 'pri', localIp: '192.168.100.2', prepend: 0, site: 'onprem-dc1' }];

void it('the sessions carry it: FRR from `show bgp neighbors json`, BIRD from `show protocols all`', () => {
  const summary = JSON.stringify({ ipv4Unicast: { peers: { '192.168.100.1': { state: 'Active', peerUptimeMsec: 1200 } } } });
  const frrNeighbors = JSON.stringify({ '192.168.100.1': { bgpState: 'Active', lastResetDueTo: 'BGP Notification send', lastErrorCodeSubcode: '0301' } });
  assert.equal(frrSessions(summary, { neighbors }, frrNeighbors)[0]?.lastError?.text, 'UPDATE Message Error / Malformed Attribute List');
  assert.equal(frrSessions(summary, { neighbors })[0]?.lastError, undefined);
  const bird = [
    'BIRD 2.0.12 ready.',
    'Name       Proto      Table      State  Since         Info',
    'fr_onprem_dc1_primary BGP        ---        start  00:05:42.352  Active        BGP Error: Bad peer AS',
    '  BGP state:          Active',
    '    Neighbor address: 192.168.100.1',
    '    Last error:       BGP Error: Bad peer AS',
  ].join('\n');
  const s = birdSessions(bird, { neighbors });
  assert.deepEqual([s[0]?.lastError?.code, s[0]?.lastError?.subcode, s[0]?.lastError?.direction], [2, 2, 'sent']);
});
