// The files a config names, read the way the registry reads them at start (when the caller
// gives a file checker: the CLI and the editors do): TLS certificate and key
// (registry.go: tls.LoadX509KeyPair, then x509 pool.AppendCertsFromPEM for every clientcas
// entry), the token rootcertbundle (auth/token/accesscontroller.go: at least one
// CERTIFICATE block), the cloudfront privatekey (middleware/cloudfront: PKCS#1 RSA only),
// the schema1 signing key (2.8, libtrust.LoadKeyFile) and htpasswd (bcrypt lines only,
// checked at each login). A path that does not exist here is information: it may be a
// path inside the container (a compose file's bind mounts map it to this machine).
import { goString, keyText, type RuleContext } from '../rule-context';
import { deref, type YNode } from '../yaml-tree';
import { clip } from '../limits';
import type { ConfigFileKind, ConfigFileReport } from '../types';
import type { Rule } from './rule';

export const referencedFilesRule: Rule = {
  codes: ['file-not-here', 'file-invalid', 'file-warning', 'tls-key-mismatch'],
  check(ctx: RuleContext) {
    if (!ctx.files) return;
    const t = ctx.get(['http', 'tls']);
    const certPair = ctx.pair(t?.value, 'certificate');
    const keyPair = ctx.pair(t?.value, 'key');
    const leOn = !!goString(ctx.get(['http', 'tls', 'letsencrypt', 'cachefile'])?.value);
    const tlsOn = !!goString(certPair?.value) || leOn;
    if (goString(certPair?.value) && !leOn && goString(keyPair?.value)) {
      const cert = look(ctx, certPair!.value, 'certificate', 'http.tls.certificate');
      const key = look(ctx, keyPair!.value, 'private-key', 'http.tls.key');
      if (cert?.publicKey && key?.publicKey && cert.publicKey !== key.publicKey) {
        ctx.report({
          code: 'tls-key-mismatch',
          severity: 'error',
          message: 'tls: private key does not match public key: http.tls.key is not the key of http.tls.certificate; the registry refuses to start.',
          node: keyPair!.value,
        });
      }
    }
    const cas = deref(ctx.pair(t?.value, 'clientcas')?.value);
    if (tlsOn && cas && cas.kind === 'seq') for (const item of cas.items) look(ctx, item, 'ca-bundle', 'http.tls.clientcas');
    const auth = deref(ctx.get(['auth'])?.value);
    if (auth && auth.kind === 'map' && auth.pairs.length) {
      const last = auth.pairs[auth.pairs.length - 1];
      const type = keyText(last.key);
      if (type === 'token') {
        const b = ctx.pair(last.value, 'rootcertbundle');
        if (b) look(ctx, b.value, 'ca-bundle', 'auth.token.rootcertbundle');
      } else if (type === 'htpasswd') {
        const p = ctx.pair(last.value, 'path');
        if (p) look(ctx, p.value, 'htpasswd', 'auth.htpasswd.path');
      }
    }
    if (ctx.version === '2.8') {
      const sk = ctx.get(['compatibility', 'schema1', 'signingkeyfile']);
      if (sk) look(ctx, sk.value, 'trust-key', 'compatibility.schema1.signingkeyfile');
    }
    const storageMw = deref(ctx.get(['middleware', 'storage'])?.value);
    if (storageMw && storageMw.kind === 'seq') {
      for (const entry of storageMw.items) {
        if (goString(ctx.pair(entry, 'name')?.value) !== 'cloudfront') continue;
        const pk = ctx.pair(ctx.pair(entry, 'options')?.value, 'privatekey');
        if (pk) look(ctx, pk.value, 'pkcs1-rsa-key', 'cloudfront privatekey');
      }
    }
  },
};

function look(ctx: RuleContext, node: YNode, kind: ConfigFileKind, what: string): ConfigFileReport | undefined {
  const path = goString(node);
  if (!path || !ctx.files) return undefined;
  const r = ctx.files.check(path, kind);
  const via = r.hostPath && r.hostPath !== path ? ` (read here as ${clip(r.hostPath, 200)})` : '';
  if (!r.found) {
    ctx.report({
      code: 'file-not-here',
      severity: 'info',
      message: `${what} ${clip(path, 200)}${via} does not exist on this machine, so it was not checked (it may be a path inside the container; a compose file's bind mount lets Dockhand find it).`,
      node,
    });
  } else if (r.problem) {
    ctx.report({ code: 'file-invalid', severity: 'error', message: `${what} ${clip(path, 200)}${via}: ${r.problem}; the registry refuses to start.`, node });
  } else if (r.warning) {
    ctx.report({ code: 'file-warning', severity: 'warning', message: `${what} ${clip(path, 200)}${via}: ${r.warning}.`, node });
  }
  return r;
}
