// "Verify signatures…" on an image: the CLI's `verify` (cosign simple-signing, sigstore bundles,
// Notation JWS) with trust material the user pastes or loads from a file (a public key,
// certificates, a trusted root). Everything is checked offline in the main process; the result
// says per signature what held or failed, and what was not checked.
import type { VerifyReport, VerifyTrustInput } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { shortDigest } from '../format';
import { icon } from '../icons';
import { openDialog } from '../ui';

const MAX_FILE = 1024 * 1024;

function trustField(id: string, label: string, hint: string, placeholder: string, accept: string): { el: HTMLElement; value(): string } {
  const area = h('textarea', {
    id,
    class: 'dh-trust-text',
    rows: '4',
    spellcheck: 'false',
    placeholder,
    'aria-describedby': `${id}-hint`,
  }) as HTMLTextAreaElement;
  const file = h('input', {
    type: 'file',
    id: `${id}-file`,
    accept,
    'aria-label': `Load ${label.toLowerCase()} from a file`,
    class: 'dh-trust-file',
    onchange: (ev: Event) => {
      const f = (ev.target as HTMLInputElement).files?.[0];
      if (!f) return;
      if (f.size > MAX_FILE) {
        area.value = '';
        area.setAttribute('placeholder', `${f.name} is larger than 1 MiB: not a key, certificate or trusted root.`);
        return;
      }
      void f.text().then((t) => {
        area.value = t;
      });
    },
  }) as HTMLInputElement;
  const el = h(
    'div',
    { class: 'dh-field' },
    h('label', { class: 'dh-field-label', for: id }, label),
    area,
    h('div', { class: 'dh-trust-row' }, h('span', { class: 'dh-field-hint', id: `${id}-hint` }, hint), file),
  );
  return { el, value: () => area.value };
}

export function openVerifyDialog(app: AppContext, registryId: string, repository: string, digest: string): void {
  const key = trustField(
    'verify-key',
    'Public key (PEM)',
    'cosign signatures and keyed sigstore bundles (cosign.pub)',
    '-----BEGIN PUBLIC KEY-----',
    '.pub,.pem,.key,text/plain',
  );
  const certs = trustField(
    'verify-certs',
    'Trusted certificates (PEM)',
    'Notation signatures: the CA or signing certificate of your trust store',
    '-----BEGIN CERTIFICATE-----',
    '.pem,.crt,.cer,text/plain',
  );
  const root = trustField(
    'verify-root',
    'Trusted root (JSON)',
    'keyless sigstore bundles and transparency-log entries (trusted_root.json)',
    '{"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1", …}',
    '.json,application/json',
  );
  const result = h('div', { id: 'verify-result', 'aria-live': 'polite' });
  openDialog({
    id: 'verify-dialog',
    title: `Verify signatures of ${repository}@${shortDigest(digest)}`,
    submitLabel: 'Verify',
    wide: true,
    errorTitle: 'Verification could not run',
    body: [
      h(
        'p',
        { class: 'dh-muted' },
        'Checked here, offline: nothing is sent to a transparency log or certificate authority. Give what you trust; a signature counts only if it checks out with it and signs this very digest.',
      ),
      key.el,
      certs.el,
      root.el,
      result,
    ],
    onSubmit: async () => {
      const trust: VerifyTrustInput = {};
      if (key.value().trim()) trust.publicKey = key.value();
      if (certs.value().trim()) trust.certificates = certs.value();
      if (root.value().trim()) trust.trustedRoot = root.value();
      replace(result, h('p', { class: 'dh-muted' }, 'Checking…'));
      try {
        replace(result, renderReport(await app.api.attachments.verify(registryId, repository, digest, trust)));
        result.scrollIntoView({ block: 'nearest' });
      } catch (err) {
        replace(result);
        throw err;
      }
      return true; // keep the dialog open: the result is shown in it
    },
  });
}

export function renderReport(r: VerifyReport): HTMLElement {
  const summary = r.verified
    ? h(
        'div',
        { class: 'dh-verify-summary ok', id: 'verify-summary', role: 'status' },
        icon('check'),
        h('div', null, h('strong', null, 'Verified. '), `At least one signature checks out with what you gave and signs ${shortDigest(r.subject)}.`),
      )
    : h(
        'div',
        { class: 'dh-verify-summary fail', id: 'verify-summary', role: 'status' },
        icon('x'),
        h(
          'div',
          null,
          h('strong', null, 'Not verified. '),
          r.checks.length
            ? 'No signature checks out with what you gave (see why below).'
            : 'This image has no signature Dockhand can check (cosign, sigstore bundle or Notation).',
        ),
      );
  return h(
    'div',
    { class: 'dh-verify-report' },
    summary,
    r.checks.length
      ? h(
          'table',
          { class: 'dh-table compact', id: 'verify-checks' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['Result', 'Format', 'Signature', 'Signer', 'Why'].map((x) => h('th', null, x)),
            ),
          ),
          h(
            'tbody',
            null,
            r.checks.map((c) =>
              h(
                'tr',
                { dataset: { ok: String(c.ok) } },
                h('td', null, h('span', { class: `dh-chip ${c.ok ? 'ok' : 'error'}` }, c.ok ? 'OK' : 'Failed')),
                h('td', null, c.format),
                h('td', { class: 'dh-mono', title: `${c.layer} in ${c.manifest}` }, shortDigest(c.manifest)),
                h('td', { class: 'dh-wrap' }, c.signer ?? '—'),
                h('td', { class: 'dh-wrap' }, c.problem ?? (c.ok ? 'signature valid; signs this digest' : '')),
              ),
            ),
          ),
        )
      : null,
    r.notVerified.length
      ? h(
          'div',
          { class: 'dh-muted dh-small', id: 'verify-not-checked' },
          h('strong', null, 'Not checked: '),
          h(
            'ul',
            null,
            r.notVerified.map((n) => h('li', null, n)),
          ),
        )
      : null,
  );
}
