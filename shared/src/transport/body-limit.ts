// Reading a response body into memory, never more than a cap: a registry, token server or
// proxy that answers with hundreds of megabytes (or an endless stream) costs at most the cap.

/** The body went over the cap; it was destroyed unread past that point. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly max: number) {
    super(`the answer is larger than ${max} bytes`);
  }
}

type Body = AsyncIterable<unknown> & { destroy(err?: Error): unknown };

/** The whole body, at most `max` bytes; over that the body is destroyed and BodyTooLargeError thrown. */
export async function readBodyLimited(body: Body, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of body) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    total += chunk.length;
    if (total > max) {
      body.destroy();
      throw new BodyTooLargeError(max);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The first `max` bytes of a body as text (an error message's detail); the rest is not read. */
export async function readBodyHead(body: Body, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of body) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    chunks.push(chunk.subarray(0, max - total));
    total += Math.min(chunk.length, max - total);
    if (total >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
