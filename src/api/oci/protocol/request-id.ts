// OCI's opc-request-id when the client sent none: 32 upper-case hex digits (128 random bits), as
// FastRoute has always answered. Drawn from a pooled CSPRNG buffer through a byte → hex table:
// `randomUUID().replace(/-/g, '').toUpperCase()` cost 3–10× more on every request (docs/architecture.md).
import { randomBytes } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());
const ID_BYTES = 16;
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let at = 0;

export function newOpcRequestId(): string {
  if (at + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    at = 0;
  }
  let id = '';
  for (let i = at; i < at + ID_BYTES; i++) id += HEX[pool[i] ?? 0] ?? '00';
  at += ID_BYTES;
  return id;
}
