/** Splits a byte stream into lines (Buffers, without the newline), counting from 1. */
export async function* byteLines(stream: AsyncIterable<Buffer | Uint8Array | string>, maxLine: number): AsyncGenerator<{ n: number; line: Buffer | null; tooLong?: number }> {
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let skipping = false; // inside a line that is over the limit: drop bytes until its end
  let n = 0;
  for await (const chunk of stream) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (;;) {
      const i = buf.indexOf(0x0a);
      if (i < 0) {
        if (!skipping) {
          pending.push(buf);
          pendingLen += buf.length;
          if (pendingLen > maxLine) skipping = true;
        } else pendingLen += buf.length;
        break;
      }
      n++;
      if (skipping) {
        yield { n, line: null, tooLong: pendingLen + i };
        skipping = false;
      } else {
        pending.push(buf.subarray(0, i));
        const line = Buffer.concat(pending);
        if (line.length > maxLine) yield { n, line: null, tooLong: line.length };
        else yield { n, line };
      }
      pending = [];
      pendingLen = 0;
      buf = buf.subarray(i + 1);
    }
  }
  if (pendingLen > 0) {
    n++;
    if (skipping) yield { n, line: null, tooLong: pendingLen };
    else yield { n, line: Buffer.concat(pending) };
  }
}
