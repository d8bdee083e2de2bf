// http.tls as registry.go's ListenAndServe reads it: certificate+key pair, not both with
// Let's Encrypt, minimumtls and cipher names per version; only checked when TLS is on.
import { goString, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { didYouMean } from '../did-you-mean';
import { deletePair, insertKeys } from '../fixes';
import type { Rule } from './rule';

const MIN_TLS = { '2.8': ['tls1.0', 'tls1.1', 'tls1.2', 'tls1.3'], '3': ['tls1.2', 'tls1.3'] };
const CIPHERS_28 = [
  'TLS_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
];
export const CIPHERS = { '2.8': CIPHERS_28, '3': CIPHERS_28.filter((c) => !c.includes('RC4') && !c.endsWith('_CBC_SHA256')) };

export const tlsRule: Rule = {
  codes: [
    'tls-key-missing',
    'tls-key-unused',
    'tls-letsencrypt-conflict',
    'tls-minimumtls',
    'tls-cipher',
    'tls-no-minimumtls',
    'letsencrypt-hosts',
    'tls-clientcas-unused',
  ],
  check(ctx: RuleContext) {
    const tls = ctx.get(['http', 'tls']);
    if (!tls) return;
    const t = deref(tls.value);
    if (!t || t.kind !== 'map') return;
    const cert = ctx.pair(t, 'certificate');
    const key = ctx.pair(t, 'key');
    const le = ctx.pair(t, 'letsencrypt');
    const cache = ctx.pair(le?.value, 'cachefile');
    const certOn = !!goString(cert?.value);
    const leOn = !!goString(cache?.value);
    const on = certOn || leOn;
    if (certOn && leOn) {
      ctx.report({
        code: 'tls-letsencrypt-conflict',
        severity: 'error',
        message: "Cannot specify both certificate and Let's Encrypt: the registry refuses to start. Remove one.",
        node: le!.key,
        fix: deletePair(ctx, le!, 'Remove the letsencrypt block (keep the certificate)'),
        alternatives: [cert && deletePair(ctx, cert, 'Remove the certificate (keep Let\'s Encrypt)')].filter((f) => f !== undefined),
      });
    }
    if (certOn && !leOn && !goString(key?.value)) {
      ctx.report({
        code: 'tls-key-missing',
        severity: 'error',
        message: 'http.tls.certificate needs its private key (http.tls.key): the registry refuses to start.',
        node: cert!.key,
        fix: insertKeys(ctx, t, ['key: /path/to/key.pem'], 'Add key'),
      });
    }
    if (!on && goString(key?.value)) {
      ctx.report({
        code: 'tls-key-unused',
        severity: 'warning',
        message: 'http.tls.key without a certificate: TLS stays off and the key is ignored.',
        node: key!.key,
      });
    }
    const clientcas = ctx.pair(t, 'clientcas');
    if (!on && clientcas && deref(clientcas.value)?.kind === 'seq') {
      ctx.report({
        code: 'tls-clientcas-unused',
        severity: 'warning',
        message: 'http.tls.clientcas without TLS (no certificate or letsencrypt.cachefile): client certificates are not checked.',
        node: clientcas.key,
      });
    }
    const min = ctx.pair(t, 'minimumtls');
    const minText = goString(min?.value) ?? '';
    const allowed = MIN_TLS[ctx.version];
    if (min && minText && !allowed.includes(minText)) {
      const sug = didYouMean(minText, allowed);
      ctx.report({
        code: 'tls-minimumtls',
        severity: on ? 'error' : 'warning',
        message: `unknown minimum TLS level '${minText}' specified for http.tls.minimumtls${on ? ': the registry refuses to start' : ' (ignored while TLS is off)'}. Use one of ${allowed.join(', ')}.`,
        node: min.value,
        fix: ctx.replace(min.value, sug ?? 'tls1.2', `Change to ${sug ?? 'tls1.2'}`),
      });
    } else if (on && !minText) {
      ctx.report({
        code: 'tls-no-minimumtls',
        severity: 'info',
        message: 'TLS without minimumtls: the registry uses tls1.2. Set it explicitly (tls1.2 or tls1.3).',
        node: tls.key,
        fix: insertKeys(ctx, t, ['minimumtls: tls1.2'], 'Add minimumtls: tls1.2'),
      });
    }
    const ciphers = deref(ctx.pair(t, 'ciphersuites')?.value);
    if (ciphers && ciphers.kind === 'seq') {
      for (const c of ciphers.items) {
        const name = goString(c) ?? '';
        if (CIPHERS[ctx.version].includes(name)) continue;
        const sug = didYouMean(name, CIPHERS[ctx.version]);
        ctx.report({
          code: 'tls-cipher',
          severity: on ? 'error' : 'warning',
          message: `unknown TLS cipher suite '${name}' specified for http.tls.cipherSuites${on ? ': the registry refuses to start' : ' (ignored while TLS is off)'}.${sug ? ` Did you mean ${sug}?` : ''}`,
          node: c,
          fix: sug ? ctx.replace(c, sug, `Change to ${sug}`) : undefined,
        });
      }
    }
    if (leOn) {
      const hosts = deref(ctx.pair(le!.value, 'hosts')?.value);
      if (!hosts || hosts.kind !== 'seq' || !hosts.items.length) {
        ctx.report({
          code: 'letsencrypt-hosts',
          severity: 'warning',
          message: `letsencrypt without hosts: ${ctx.version === '3' ? '3.x rejects every TLS handshake' : 'any host name may request a certificate'}. List your host names.`,
          node: le!.key,
        });
      }
    }
  },
};
