import { BaseDecoder, type Pool } from 'geotiff';
import { grouped } from './limits';
import { coded, type Coded } from './problems';
import type { TiffLayout } from './tiffLayout';

/** A strip or tile that decodes to more bytes than its cells need, or cannot be decoded at all. */
export class BlockDecodeError extends Error {
  readonly problem: Coded;
  constructor(code: string, params: Coded['params'], text: string) { super(text); this.problem = coded(code, params, text); }
}

/**
 * Decoders for the GeoTIFF library that stop at the size one strip or tile can hold. The library's
 * own decoders grow their output without bound, so a few kilobytes of Deflate or LZW can expand to
 * gigabytes; these refuse a block as soon as it exceeds `layout.blockBytes`.
 * Pass the result as `readRasters({ pool })`.
 */
export function boundedDecoderPool(layout: TiffLayout): Pool {
  const cap = layout.blockBytes;
  const decode = blockDecoder(layout.compression, cap);
  const pool = {
    bindParameters(_compression: number, parameters: ConstructorParameters<typeof BaseDecoder>[0]) {
      const decoder = new (class extends BaseDecoder {
        override decodeBlock(buffer: ArrayBufferLike) {
          return decode ? decode(new Uint8Array(buffer)) : buffer;
        }
      })(parameters);
      // BaseDecoder.decode applies the predictor after decodeBlock
      return { decode: (buffer: ArrayBufferLike) => decoder.decode(buffer) };
    },
  };
  return pool as unknown as Pool;
}

/** null for uncompressed blocks: the library reads only the bytes the cells need */
function blockDecoder(compression: number, cap: number): ((data: Uint8Array) => ArrayBuffer | Promise<ArrayBuffer>) | null {
  switch (compression) {
    case 5: return (d) => lzwDecode(d, cap);
    case 8: case 32946: return (d) => inflateBounded(d, cap);
    case 32773: return (d) => packBitsDecode(d, cap);
    default: return null;
  }
}

function tooLarge(cap: number): BlockDecodeError {
  return new BlockDecodeError('tiffDecodeTooLarge', { count: cap }, `a strip or tile decompresses to more than the ${grouped(cap)} bytes its cells need; the file is damaged or hostile`);
}

/** Deflate (zlib) with the output stopped at `cap` bytes. */
export async function inflateBounded(data: Uint8Array, cap: number): Promise<ArrayBuffer> {
  const stream = new DecompressionStream('deflate');
  const writer = stream.writable.getWriter();
  // errors surface on the reading side too; the writing side's copies are handled so they are not unhandled
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const out = new Uint8Array(cap);
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (n + value.length > cap) {
        reader.cancel().catch(() => {});
        throw tooLarge(cap);
      }
      out.set(value, n);
      n += value.length;
    }
  } catch (e) {
    if (e instanceof BlockDecodeError) throw e;
    const detail = (e as Error).message;
    throw new BlockDecodeError('tiffInflateFailed', { detail }, `a Deflate strip or tile cannot be decompressed (${detail}); the file is damaged`);
  }
  return n === cap ? out.buffer : out.slice(0, n).buffer;
}

/** PackBits with the output stopped at `cap` bytes. */
export function packBitsDecode(data: Uint8Array, cap: number): ArrayBuffer {
  const out = new Uint8Array(cap);
  let n = 0, i = 0;
  while (i < data.length) {
    const h = (data[i++] << 24) >> 24; // signed byte
    if (h >= 0) {
      const len = Math.min(h + 1, data.length - i);
      if (n + len > cap) throw tooLarge(cap);
      out.set(data.subarray(i, i + len), n);
      n += len; i += len;
    } else if (h !== -128) {
      const len = 1 - h;
      if (i >= data.length) break;
      if (n + len > cap) throw tooLarge(cap);
      out.fill(data[i++], n, n + len);
      n += len;
    }
  }
  return n === cap ? out.buffer : out.slice(0, n).buffer;
}

const CLEAR = 256, END = 257, FIRST = 258, MAX_CODES = 4096;

/**
 * TIFF LZW (codes most significant bit first, 9 to 12 bits, the width grows one code early as in
 * the TIFF 6.0 specification) with the output stopped at `cap` bytes.
 */
export function lzwDecode(data: Uint8Array, cap: number): ArrayBuffer {
  const out = new Uint8Array(cap);
  const prefix = new Int16Array(MAX_CODES), first = new Uint8Array(MAX_CODES), last = new Uint8Array(MAX_CODES), length = new Uint16Array(MAX_CODES);
  for (let c = 0; c < 256; c++) { prefix[c] = -1; first[c] = c; last[c] = c; length[c] = 1; }
  const bits = data.length * 8;
  let pos = 0, width = 9, next = FIRST, prev = -1, n = 0;
  // writes the string of `code` at out[n..]: walks its prefixes from the end
  const emit = (code: number) => {
    const len = length[code];
    if (n + len > cap) throw tooLarge(cap);
    for (let k = n + len - 1, c = code; k >= n; k--, c = prefix[c]) out[k] = last[c];
    n += len;
  };
  while (pos + width <= bits) {
    const b = pos >>> 3;
    const word = (data[b] << 16) | ((data[b + 1] | 0) << 8) | (data[b + 2] | 0);
    const code = (word >>> (24 - (pos & 7) - width)) & ((1 << width) - 1);
    pos += width;
    if (code === END) break;
    if (code === CLEAR) { width = 9; next = FIRST; prev = -1; continue; }
    if (prev === -1) {
      if (code > 255) throw new BlockDecodeError('tiffLzwStart', { value: code }, `an LZW strip or tile starts with code ${code}; the file is damaged`);
      emit(code);
      prev = code;
      continue;
    }
    let head: number;
    if (code < next) {
      emit(code);
      head = first[code];
    } else if (code === next && next < MAX_CODES) {
      // the code being defined: the previous string and its own first byte
      head = first[prev];
      emit(prev);
      if (n + 1 > cap) throw tooLarge(cap);
      out[n++] = head;
    } else {
      throw new BlockDecodeError('tiffLzwUndefined', { value: code }, `an LZW strip or tile holds code ${code} before it is defined; the file is damaged`);
    }
    if (next < MAX_CODES) {
      prefix[next] = prev; first[next] = first[prev]; last[next] = head; length[next] = length[prev] + 1;
      next++;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
    prev = code;
  }
  return n === cap ? out.buffer : out.slice(0, n).buffer;
}
