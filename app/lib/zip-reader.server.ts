/**
 * Parts of a ZIP archive held in memory, read as streams under limits: the parts are found by the central directory
 * (random access to the few a reader needs, none of the others walked or inflated), each is inflated by fflate's
 * streaming Inflate a few KB of compressed bytes at a time — so that no step inflates more than a few MB, whatever
 * the ratio — and every inflated byte counts against one budget for the whole archive and a compression ratio per
 * part. Passing either throws InflateLimit at once; a damaged archive throws an ordinary Error.
 */
import { Inflate } from "fflate";

export class InflateLimit extends Error {}
/** Thrown by a part's reader once it has what it needs: ends the reading of that part. */
export class StopReading extends Error {}

export type ZipLimits = {
  /** Inflated bytes of every part read, in all. */
  maxInflatedBytes: number;
  /** Inflated : compressed bytes of one part, checked once it passes a megabyte. */
  maxRatio: number;
};

type Entry = { method: number; flags: number; compressedSize: number; size: number; localHeader: number };

const PUSH_BYTES = 4 * 1024;
const RATIO_CHECKED_FROM = 1024 * 1024;

/** Part names compare as OPC compares them: without a leading slash, whatever their case. */
const partKey = (name: string) => name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();

export function openZip(zip: Uint8Array, limits: ZipLimits) {
  const entries = centralDirectory(zip);
  let inflatedInAll = 0;

  /** Hands the part's inflated bytes to `read` as they come; false when the archive has no such part. */
  async function readPart(name: string, read: (chunk: Uint8Array) => void): Promise<boolean> {
    const entry = entries.get(partKey(name));
    if (!entry) return false;
    if (entry.flags & 1) throw new Error("encrypted part");
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`compression method ${entry.method}`);
    // The declared size is checked first (an honest bomb is refused unread), the real one as it inflates.
    if (inflatedInAll + entry.size > limits.maxInflatedBytes) throw new InflateLimit();
    const data = partData(zip, entry);
    let compressed = 0;
    let inflated = 0;
    const take = (chunk: Uint8Array) => {
      inflated += chunk.byteLength;
      inflatedInAll += chunk.byteLength;
      if (inflatedInAll > limits.maxInflatedBytes) throw new InflateLimit();
      if (inflated > RATIO_CHECKED_FROM && inflated > limits.maxRatio * compressed) throw new InflateLimit();
      if (chunk.byteLength) read(chunk);
    };
    const inflate = entry.method === 8 ? new Inflate((chunk) => take(chunk)) : null;
    try {
      for (let at = 0, steps = 1; at < data.byteLength; at += PUSH_BYTES, steps++) {
        const chunk = data.subarray(at, at + PUSH_BYTES);
        compressed += chunk.byteLength;
        if (inflate) inflate.push(chunk, at + PUSH_BYTES >= data.byteLength);
        else take(chunk);
        // Other requests are served between steps of a large part.
        if (steps % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (!(error instanceof StopReading)) throw error;
    }
    return true;
  }

  /** A small part (relationships, workbook, styles) whole, refused past maxBytes. */
  async function readSmallPart(name: string | undefined, maxBytes: number): Promise<Uint8Array | undefined> {
    if (!name) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const found = await readPart(name, (chunk) => {
      size += chunk.byteLength;
      if (size > maxBytes) throw new InflateLimit();
      chunks.push(chunk);
    });
    return found ? Buffer.concat(chunks) : undefined;
  }

  return { readPart, readSmallPart };
}

/**
 * The archive's table of contents, from its central directory (at its end), by lower-cased part name: random access
 * to the few parts the first sheet needs, without walking (or inflating) the others.
 */
function centralDirectory(zip: Uint8Array): Map<string, Entry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let at = zip.byteLength - 22; at >= Math.max(0, zip.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end === -1) throw new Error("no central directory");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, Entry>();
  const decoder = new TextDecoder("utf-8");
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== 0x02014b50)
      throw new Error("broken central directory");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: Entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localHeader === 0xffffffff)
      zip64Sizes(view, at + 46 + nameLength, extraLength, entry);
    entries.set(partKey(decoder.decode(zip.subarray(at + 46, at + 46 + nameLength))), entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64's 64-bit sizes and offset, in the order the 32-bit fields that overflowed come. */
function zip64Sizes(view: DataView, extra: number, length: number, entry: Entry): void {
  for (let at = extra; at + 4 <= extra + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeader === 0xffffffff) entry.localHeader = next();
      return;
    }
    at += 4 + size;
  }
}

/** Where a part's compressed bytes lie: after its local header, whose name and extra field may differ in length. */
function partData(zip: Uint8Array, entry: Entry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const header = entry.localHeader;
  if (header + 30 > zip.byteLength || view.getUint32(header, true) !== 0x04034b50)
    throw new Error("broken local header");
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (data.byteLength !== entry.compressedSize) throw new Error("truncated part");
  return data;
}
