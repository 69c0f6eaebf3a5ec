// BGP NOTIFICATION codes in the words of the RFCs that define them, and the last error a daemon
// recorded for a session turned into them: FRR's `show bgp neighbors json` (lastErrorCodeSubcode,
// lastNotificationReason, lastResetDueTo) and BIRD's `show protocols all` ("Last error:" with its own
// descriptions). Pure. Names: RFC 4271 §4.5 and §6 (codes 1-6 and their subcodes), RFC 5492 (Unsupported
// Capability), RFC 9234 (Role Mismatch), RFC 6608 (FSM subcodes), RFC 4486 and RFC 8538 / RFC 9384 (Cease
// subcodes), RFC 7313 (ROUTE-REFRESH Message Error).

export interface BgpLastError {
  code: number;
  subcode: number;
  /** As the RFCs name it: "OPEN Message Error / Bad Peer AS"; a code alone when the subcode is 0 or unnamed. */
  text: string;
  /** sent: this speaker found the error and sent the NOTIFICATION; received: its peer did. */
  direction: 'sent' | 'received';
  /** What the daemon said, verbatim (FRR's lastResetDueTo, BIRD's "Last error"). */
  daemonSays: string;
}

export const NOTIFICATION_CODES: Record<number, string> = {
  1: 'Message Header Error',
  2: 'OPEN Message Error',
  3: 'UPDATE Message Error',
  4: 'Hold Timer Expired',
  5: 'Finite State Machine Error',
  6: 'Cease',
  7: 'ROUTE-REFRESH Message Error',
};

export const NOTIFICATION_SUBCODES: Record<number, Record<number, string>> = {
  1: { 1: 'Connection Not Synchronized', 2: 'Bad Message Length', 3: 'Bad Message Type' },
  2: { 1: 'Unsupported Version Number', 2: 'Bad Peer AS', 3: 'Bad BGP Identifier', 4: 'Unsupported Optional Parameter', 6: 'Unacceptable Hold Time', 7: 'Unsupported Capability', 11: 'Role Mismatch' },
  3: {
    1: 'Malformed Attribute List', 2: 'Unrecognized Well-known Attribute', 3: 'Missing Well-known Attribute', 4: 'Attribute Flags Error', 5: 'Attribute Length Error',
    6: 'Invalid ORIGIN Attribute', 8: 'Invalid NEXT_HOP Attribute', 9: 'Optional Attribute Error', 10: 'Invalid Network Field', 11: 'Malformed AS_PATH',
  },
  5: { 1: 'Receive Unexpected Message in OpenSent State', 2: 'Receive Unexpected Message in OpenConfirm State', 3: 'Receive Unexpected Message in Established State' },
  6: {
    1: 'Maximum Number of Prefixes Reached', 2: 'Administrative Shutdown', 3: 'Peer De-configured', 4: 'Administrative Reset', 5: 'Connection Rejected',
    6: 'Other Configuration Change', 7: 'Connection Collision Resolution', 8: 'Out of Resources', 9: 'Hard Reset', 10: 'BFD Down',
  },
  7: { 1: 'Invalid Message Length' },
};

/** "UPDATE Message Error / Attribute Length Error"; the code alone for subcode 0 (Unspecific) or one unnamed here. */
export function notificationText(code: number, subcode: number): string {
  const name = NOTIFICATION_CODES[code] ?? `code ${code}`;
  const sub = NOTIFICATION_SUBCODES[code]?.[subcode];
  return sub === undefined ? (subcode === 0 ? name : `${name} / subcode ${subcode}`) : `${name} / ${sub}`;
}

const lastError = (code: number, subcode: number, direction: BgpLastError['direction'], daemonSays: string): BgpLastError => ({ code, subcode, text: notificationText(code, subcode), direction, daemonSays });

/** The fields of one neighbor in FRR's `show bgp neighbors json` that tell its last reset. */
export interface FrrNeighborReset {
  lastResetDueTo?: string;
  /** Hex, code then subcode: "0202" is OPEN Message Error / Bad Peer AS. */
  lastErrorCodeSubcode?: string;
  /** FRR's own words, "OPEN Message Error/Bad Peer AS". */
  lastNotificationReason?: string;
}

/** FRR: a reset by NOTIFICATION (sent or received) is an error; other resets (BFD, a shutdown, a peer's close) are not one. */
export function frrLastError(n: FrrNeighborReset | undefined): BgpLastError | undefined {
  const due = n?.lastResetDueTo ?? '';
  const hex = n?.lastErrorCodeSubcode ?? '';
  const m = /^([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const direction = /notification received/i.test(due) ? 'received' : /notification send|notification sent/i.test(due) ? 'sent' : undefined;
  if (!m || direction === undefined) return undefined;
  const code = Number.parseInt(m[1] ?? '0', 16);
  if (code === 0) return undefined;
  return lastError(code, Number.parseInt(m[2] ?? '0', 16), direction, [due, n?.lastNotificationReason].filter(Boolean).join(': '));
}

/** BIRD 2's descriptions of the errors it sends and receives (proto/bgp/packets.c, bgp_msg_table), in its words (checked in the Debian binary). */
const BIRD_DESCRIPTIONS: [number, number, string][] = [
  [1, 0, 'Invalid message header'], [1, 1, 'Connection not synchronized'], [1, 2, 'Bad message length'], [1, 3, 'Bad message type'],
  [2, 0, 'Invalid OPEN message'], [2, 1, 'Unsupported version number'], [2, 2, 'Bad peer AS'], [2, 3, 'Bad BGP identifier'],
  [2, 4, 'Unsupported optional parameter'], [2, 5, 'Authentication failure'], [2, 6, 'Unacceptable hold time'], [2, 7, 'Required capability missing'],
  [2, 8, 'No supported AFI/SAFI'], [2, 11, 'Role mismatch'],
  [3, 0, 'Invalid UPDATE message'], [3, 1, 'Malformed attribute list'], [3, 2, 'Unrecognized well-known attribute'], [3, 3, 'Missing mandatory attribute'],
  [3, 4, 'Invalid attribute flags'], [3, 5, 'Invalid attribute length'], [3, 6, 'Invalid ORIGIN attribute'], [3, 7, 'AS routing loop'],
  [3, 8, 'Invalid NEXT_HOP attribute'], [3, 9, 'Optional attribute error'], [3, 10, 'Invalid network field'], [3, 11, 'Malformed AS_PATH'],
  [4, 0, 'Hold timer expired'], [5, 0, 'Finite state machine error'],
  [5, 1, 'Unexpected message in OpenSent state'], [5, 2, 'Unexpected message in OpenConfirm state'], [5, 3, 'Unexpected message in Established state'],
  [6, 0, 'Cease'], [6, 2, 'Administrative shutdown'], [6, 3, 'Peer de-configured'], [6, 4, 'Administrative reset'],
  [6, 5, 'Connection rejected'], [6, 6, 'Other configuration change'], [6, 8, 'Out of Resources'], [7, 0, 'Invalid ROUTE-REFRESH message'],
];

/**
 * BIRD's "Last error:" (or the state line's info), its error class then the description
 * (proto/bgp/bgp.c, bgp_err_classes): "Received: Bad peer AS" (the peer sent the NOTIFICATION),
 * "BGP Error: Malformed attribute list" (BIRD sent it). "Error: " (its own, e.g. a route limit),
 * "Socket: " and "Automatic shutdown: " are not NOTIFICATIONs on the wire and give nothing.
 */
export function birdLastError(text: string | undefined): BgpLastError | undefined {
  const m = /^(Received|BGP Error):\s*(.*)$/.exec((text ?? '').trim());
  if (!m) return undefined;
  const rest = (m[2] ?? '').toLowerCase();
  // The longest description that starts the message (BIRD may append the offending data).
  const hit = BIRD_DESCRIPTIONS.filter(([, , d]) => rest.startsWith(d.toLowerCase())).sort((a, b) => b[2].length - a[2].length)[0];
  if (hit === undefined) return undefined;
  return lastError(hit[0], hit[1], m[1] === 'Received' ? 'received' : 'sent', (text ?? '').trim());
}
