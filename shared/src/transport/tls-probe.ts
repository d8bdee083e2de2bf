// After a certificate verification failure: connect once more without verifying, only to
// read who issued the server's certificate, so the error can name the CA that is missing.
import { connect } from 'node:tls';
import { isIP } from 'node:net';
import { hostnameOf } from '../reference/host';

/** "CN=Example Root CA, O=Example" of the topmost certificate the server sent, or undefined. */
export function peerIssuer(host: string, timeoutMs = 3000): Promise<string | undefined> {
  const hostname = hostnameOf(host);
  const portText = host.startsWith('[') ? host.slice(host.indexOf(']') + 2) : host.includes(':') ? host.slice(host.lastIndexOf(':') + 1) : '';
  const port = Number(portText) || 443;
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | undefined) => {
      if (!done) {
        done = true;
        socket.destroy();
        resolve(v);
      }
    };
    const socket = connect({ host: hostname, port, rejectUnauthorized: false, ...(isIP(hostname) ? {} : { servername: hostname }) }, () => {
      let cert = socket.getPeerCertificate(true);
      // Walk to the last certificate in the chain the server sent.
      for (let i = 0; i < 10 && cert && cert.issuerCertificate && cert.issuerCertificate !== cert; i++) cert = cert.issuerCertificate;
      const issuer = cert?.issuer as unknown as Record<string, string | string[]> | undefined;
      if (!issuer) {
        finish(undefined);
        return;
      }
      const parts = ['CN', 'O', 'OU'].filter((k) => issuer[k]).map((k) => `${k}=${Array.isArray(issuer[k]) ? (issuer[k] as string[]).join('+') : issuer[k]}`);
      finish(parts.length ? parts.join(', ') : undefined);
    });
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.on('error', () => finish(undefined));
  });
}
