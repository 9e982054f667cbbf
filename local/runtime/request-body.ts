/**
 * An HTTP request's body as text, for the local servers (and the bench and test stand-ins that
 * serve like them).
 */
import type { IncomingMessage } from 'node:http';

/**
 * Kept only up to one byte past `maxBytes`: enough for the core to answer 413 with the same
 * check as in AWS, without holding an arbitrarily large upload in memory. The rest is read and
 * dropped, so the client still gets its answer.
 */
export async function readRequestBody(req: IncomingMessage, maxBytes = Number.POSITIVE_INFINITY): Promise<string> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    if (kept > maxBytes) continue;
    chunks.push(buffer);
    kept += buffer.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
