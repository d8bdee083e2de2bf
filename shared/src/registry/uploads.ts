// Blob uploads of the registry client: start (POST), monolithic PUT or PATCH chunks then PUT,
// cross-repository mount, cancel. The source may not send more than the declared size.
import type { Readable } from 'node:stream';
import type { SignalOptions, UploadOptions } from './types';
import { header, invalid, metered, oversize, pull, push, withDigest, type WireTarget } from './wire';

/** The transport and host an upload talks to. */
export type UploadTarget = WireTarget;

async function absolute(t: UploadTarget, location: string): Promise<string> {
  return new URL(location, await t.transport.baseUrl()).toString();
}

/** Start an upload session (POST): its Location. */
export async function startUpload(t: UploadTarget, repository: string, opts: SignalOptions = {}): Promise<string> {
  const start = await t.transport.request({
    method: 'POST',
    path: `/v2/${repository}/blobs/uploads/`,
    repository,
    scopes: [push(repository)],
    signal: opts.signal,
    okStatus: [202],
    what: `starting an upload to ${t.host}/${repository}`,
    headers: { 'content-length': '0' },
  });
  await start.body.dump();
  const location = header(start.headers.location);
  if (!location) throw invalid(t.host, repository, 'the registry started an upload without a Location header');
  return location;
}

/** Cancel an upload session (best effort: the registry also expires it). */
export async function cancelUpload(t: UploadTarget, repository: string, location: string, opts: SignalOptions = {}): Promise<void> {
  try {
    const res = await t.transport.request({
      method: 'DELETE',
      path: await absolute(t, location),
      repository,
      scopes: [push(repository)],
      signal: opts.signal,
      okStatus: [200, 202, 204, 404, 405],
      what: 'cancelling an upload',
    });
    await res.body.dump();
  } catch {
    /* best effort */
  }
}

/** Try a cross-repository mount; true when the registry mounted it (201). */
export async function mountBlob(
  t: UploadTarget,
  repository: string,
  digest: string,
  fromRepository: string,
  opts: SignalOptions & { session?: (location: string) => void } = {},
): Promise<boolean> {
  const res = await t.transport.request({
    method: 'POST',
    path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`,
    repository,
    scopes: [push(repository), pull(fromRepository)],
    signal: opts.signal,
    okStatus: [201, 202],
    what: `mounting blob ${digest} into ${t.host}/${repository}`,
  });
  await res.body.dump();
  if (res.status === 201) return true;
  const location = header(res.headers.location);
  if (location && opts.session)
    opts.session(location); // refused: the caller uploads into the session it opened
  else if (location) await cancelUpload(t, repository, location, opts);
  return false;
}

/** Upload a blob: one PUT (monolithic) or PATCH chunks then PUT (chunked). `data` is bytes or a factory for a fresh stream. */
export async function uploadBlob(
  t: UploadTarget,
  repository: string,
  digest: string,
  size: number,
  data: Buffer | (() => Readable),
  opts: UploadOptions = {},
): Promise<void> {
  const { transport, host } = t;
  let location: string | undefined = opts.location ?? (await startUpload(t, repository, opts));
  const what = `uploading blob ${digest} to ${host}/${repository}`;
  if (!opts.chunkSize) {
    // A Buffer can be replayed by the transport's retries; a stream cannot (the caller retries the whole blob).
    if (Buffer.isBuffer(data) && data.length !== size) throw invalid(host, repository, `blob ${digest}: ${data.length} bytes given, ${size} declared`);
    const body = Buffer.isBuffer(data)
      ? data
      : opts.sizeChecked && !opts.onBytes
        ? data()
        : metered(data(), size, opts.onBytes, () => oversize(host, repository, digest, size));
    await closeUpload(t, repository, location, digest, { 'content-type': 'application/octet-stream', 'content-length': String(size) }, body, what, opts.signal);
    if (Buffer.isBuffer(data)) opts.onBytes?.(size);
    return;
  }
  let offset = 0;
  const source: AsyncIterable<Buffer> | Iterable<Buffer> = Buffer.isBuffer(data) ? [data] : (data() as AsyncIterable<Buffer>);
  const chunkSize = opts.chunkSize;
  const sendChunk = async (chunk: Buffer) => {
    const res = await transport.request({
      method: 'PATCH',
      path: await absolute(t, location!),
      repository,
      scopes: [push(repository)],
      signal: opts.signal,
      okStatus: [202, 204],
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(chunk.length),
        'content-range': `${offset}-${offset + chunk.length - 1}`,
      },
      body: chunk,
      what,
    });
    await res.body.dump();
    location = header(res.headers.location) ?? location;
    offset += chunk.length;
    opts.onBytes?.(chunk.length);
  };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let received = 0;
  for await (const piece of source) {
    received += piece.length;
    // Checked before anything of this piece is sent: an endless source costs at most one chunk of reading.
    if (received > size) {
      if (!Buffer.isBuffer(data)) (source as Readable).destroy();
      throw oversize(host, repository, digest, size);
    }
    let buf = piece;
    while (buf.length) {
      const take = Math.min(chunkSize - pendingBytes, buf.length);
      pending.push(buf.subarray(0, take));
      pendingBytes += take;
      buf = buf.subarray(take);
      if (pendingBytes === chunkSize) {
        await sendChunk(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes) await sendChunk(Buffer.concat(pending));
  if (offset !== size) throw invalid(host, repository, `blob ${digest}: read ${offset} bytes, expected ${size}`);
  await closeUpload(t, repository, location, digest, { 'content-length': '0' }, Buffer.alloc(0), what, opts.signal);
}

/** The PUT that closes an upload under its digest: with the whole blob (monolithic) or empty after the chunks. */
async function closeUpload(
  t: UploadTarget,
  repository: string,
  location: string,
  digest: string,
  headers: Record<string, string>,
  body: Buffer | Readable,
  what: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const res = await t.transport.request({
    method: 'PUT',
    path: withDigest(await absolute(t, location), digest),
    repository,
    scopes: [push(repository)],
    signal,
    okStatus: [201, 204],
    headers,
    body,
    what,
  });
  await res.body.dump();
}
