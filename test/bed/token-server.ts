// startTokenServer(): the bed token server (see token-service.ts for the protocol), served
// on 127.0.0.1 from a worker thread, over HTTPS with the bed CA when asked.
import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bedPki, tokenSigningCert } from './tls';
import { TOKEN_ISSUER, TOKEN_SERVICE } from './token-service';
import type { TokenWorkerData, TokenWorkerMessage } from './token-worker';
import type { TokenOptions, TokenRequestRecord, TokenServerHandle, TokenUser } from './types';

export { TOKEN_ISSUER, TOKEN_SERVICE, parseScope } from './token-service';

/** Start a token server on 127.0.0.1 (its first user is generated when opts.users is empty). */
export async function startTokenServer(opts: TokenOptions = {}): Promise<TokenServerHandle> {
  const signer = await tokenSigningCert();
  const users: TokenUser[] = opts.users?.length
    ? opts.users
    : [{ username: 'tokenuser-' + randomBytes(4).toString('hex'), password: 'tokenpw-' + randomBytes(10).toString('hex') }];
  let tls: TokenWorkerData['tls'];
  if (opts.tls) {
    const p = await bedPki();
    tls = { certPem: readFileSync(p.serverCertFile, 'utf8'), keyPem: readFileSync(p.serverKeyFile, 'utf8') };
  }
  const workerData: TokenWorkerData = {
    users,
    anonymousPull: opts.anonymousPull ?? false,
    expiresIn: opts.expiresInSeconds ?? 300,
    signerKeyPem: signer.keyPem,
    signerCertDerBase64: signer.certDerBase64,
    tls,
  };
  const worker = new Worker(new URL('./token-worker-boot.mjs', import.meta.url), { workerData });
  const pending = new Map<number, (r: TokenRequestRecord[]) => void>();
  let nextId = 0;
  let exited = false;
  const exitPromise = new Promise<void>((r) =>
    worker.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`test bed: token server worker exited with code ${code}`)));
    worker.on('message', (m: TokenWorkerMessage) => {
      if (m.type === 'listening') resolve(m.port);
      else if (m.type === 'error') reject(new Error(`test bed: token server: ${m.message}`));
      else if (m.type === 'records') {
        pending.get(m.id)?.(m.records);
        pending.delete(m.id);
      }
    });
  });
  worker.unref(); // never keep a test process alive
  const requests = () =>
    new Promise<TokenRequestRecord[]>((resolve, reject) => {
      if (exited) {
        reject(new Error('test bed: the token server was stopped'));
        return;
      }
      const id = ++nextId;
      pending.set(id, resolve);
      worker.ref();
      worker.postMessage({ type: 'records', id });
    }).finally(() => {
      if (!pending.size) worker.unref();
    });
  return {
    realm: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}/token`,
    service: TOKEN_SERVICE,
    issuer: TOKEN_ISSUER,
    rootCertBundle: signer.caPem,
    users,
    requests,
    issuedCount: async () => (await requests()).filter((r) => r.status === 200).length,
    async stop() {
      if (exited) return;
      worker.ref();
      worker.postMessage({ type: 'stop' });
      const t = setTimeout(() => {
        void worker.terminate();
      }, 5000);
      await exitPromise;
      clearTimeout(t);
    },
  };
}
