/**
 * A short, stable fingerprint of file contents (FNV-1a, 2 x 32 bits, plus the length), used to tie
 * plans and reports to the exact data they were made from. Not a security hash.
 * @example fingerprint(new TextEncoder().encode('abc')) // 'fnv1a:...:3'
 */
export function fingerprint(bytes: Uint8Array): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i], 0x01000193);
    h2 = Math.imul(h2 ^ bytes[i], 0x5bd1e995);
  }
  return `fnv1a:${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}:${bytes.length}`;
}
