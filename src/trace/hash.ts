// Deterministic flow hash (FNV-1a over the 5-tuple) for ECMP and link choice: the same flow always
// takes the same path, as on the clouds' routers.
export function flowHash(protocol: string, src: number, dst: number, srcPort = 0, dstPort = 0): number {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    for (let i = 0; i < 4; i++) {
      h ^= (v >>> (i * 8)) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (let i = 0; i < protocol.length; i++) mix(protocol.charCodeAt(i));
  mix(src); mix(dst); mix(srcPort); mix(dstPort);
  return h >>> 0;
}
