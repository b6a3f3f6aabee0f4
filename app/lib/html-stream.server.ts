import { Transform } from "node:stream";

/**
 * React 18.3's streaming renderer (renderToPipeableStream) flushes its 2 KB buffer whole when a multi-byte
 * character does not fit at its end, sending one or two unused zero bytes before the character (fixed in
 * React 19). Browsers turn a zero byte inside an attribute into U+FFFD, so a Vietnamese label, title or form value
 * could arrive as "gi�ải". A zero byte is never valid in an HTML document: they are dropped on the way out.
 */
export function withoutZeroBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
