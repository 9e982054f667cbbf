import { describe, expect, it } from 'vitest';
import { exchange } from '../../../shared/dataworq/http-exchange.ts';

const JOBS = JSON.stringify([{ id: 'a', log: 'x'.repeat(50_000), flowName: 'f' }, { id: 'b', log: 'y'.repeat(70_000) }]);

/** Chunks of `text` in whole buffers of their own, as sockets deliver them. */
function chunksOf(text: string, size: number): Uint8Array[] {
  const bytes = Buffer.from(text);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(new Uint8Array(bytes.subarray(at, at + size)));
  return chunks;
}

function fetchOf(body: ReadableStream<Uint8Array>): typeof fetch {
  return async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}

const REQUEST = { url: 'http://dataworq.test/api/v1/jobs?filter=history', method: 'GET', headers: {} } as const;
const OPTIONS = { timeoutMs: 5_000, operation: 'listJobs(history)', logs: { mode: 'drop', depth: 2 } } as const;

describe('Function: exchange', () => {
  it('reads a byte stream of many chunks into the filtered answer', async () => {
    // Prepare
    const chunks = chunksOf(JOBS, 4096);
    const body = new ReadableStream({ type: 'bytes', start: (controller) => { for (const chunk of chunks) controller.enqueue(chunk); controller.close(); } });

    // Act
    const answer = await exchange(REQUEST, { ...OPTIONS, fetch: fetchOf(body) });

    // Assess
    expect(JSON.parse(answer.text)).toEqual([{ id: 'a', log: null, flowName: 'f' }, { id: 'b', log: null }]);
  });

  it('leaves the chunks of a stream that shares them with its producer untouched', async () => {
    // Prepare: a default stream hands the producer's own buffers to the reader.
    const chunks = chunksOf(JOBS, 4096);
    const body = new ReadableStream<Uint8Array>({ start: (controller) => { for (const chunk of chunks) controller.enqueue(chunk); controller.close(); } });

    // Act
    const answer = await exchange(REQUEST, { ...OPTIONS, fetch: fetchOf(body) });

    // Assess
    expect(JSON.parse(answer.text)).toHaveLength(2);
    expect(chunks.every((chunk) => !(chunk.buffer as ArrayBuffer).detached && chunk.byteLength > 0)).toBe(true);
    expect(Buffer.concat(chunks).toString()).toBe(JOBS);
  });
});
