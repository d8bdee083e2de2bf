// The details webview's "Attached" section (DOM only): signatures, SBOMs and attestations of
// the image, with kind, format, predicate type, size and date; "Open" asks the host to open
// one as formatted JSON, and for an SBOM the host posts its packages back, shown below the table.
import type { AttachedInfo, PackageInfo, WebviewMessage } from '../src/webview/protocol';

type Child = Node | string | undefined | false;
type El = (tag: string, attrs?: Record<string, string>, ...children: Child[]) => HTMLElement;

const KIND_LABEL: Record<AttachedInfo['kind'], string> = {
  signature: 'Signature',
  sbom: 'SBOM',
  provenance: 'Provenance',
  attestation: 'Attestation',
  artifact: 'Artifact',
};
const SOURCE_LABEL: Record<string, string> = {
  'referrers-api': 'referrers API',
  'tag-schema': 'tag schema',
  'cosign-tag': 'cosign tag',
  index: 'in the index',
};

/** Packages shown per SBOM digest (kept across re-renders of the page). */
const shown = new Map<string, { format: string; packages: PackageInfo[] }>();

export function attachedSection(el: El, bytes: (n: number) => string, attached: AttachedInfo[], post: (m: WebviewMessage) => void): HTMLElement {
  const counts = new Map<string, number>();
  for (const a of attached) counts.set(KIND_LABEL[a.kind], (counts.get(KIND_LABEL[a.kind]) ?? 0) + 1);
  const summary = [...counts].map(([k, n]) => `${n} ${n === 1 ? k : `${k}s`}`).join(', ');
  const section = el('section', { id: 'attached', 'aria-labelledby': 'attached-h' }, el('h2', { id: 'attached-h' }, `Attached (${attached.length})`));
  if (!attached.length) {
    section.append(
      el('p', { class: 'muted' }, 'No signatures, SBOMs or attestations (looked at the referrers API, the sha256-… tag schema, cosign tags and the index).'),
    );
    return section;
  }
  section.append(el('p', { class: 'muted' }, summary));
  const rows = attached.map((a) => {
    // The accessible name starts with the visible text (WCAG label-in-name).
    const open =
      a.kind === 'sbom'
        ? el('vscode-button', { appearance: 'secondary', 'aria-label': `Packages and JSON of SBOM ${a.format} ${a.digest.slice(7, 19)}` }, 'Packages')
        : el('vscode-button', { appearance: 'secondary', 'aria-label': `Open ${KIND_LABEL[a.kind]} ${a.format} ${a.digest.slice(7, 19)} as JSON` }, 'Open');
    open.addEventListener('click', () => post({ type: 'openAttachment', digest: a.digest }));
    const about = [
      a.predicateTypes?.join(', '),
      a.platform ? `for ${a.platform}` : undefined,
      a.onPlatform ? `on platform ${a.onPlatform.slice(7, 19)}` : undefined,
      a.attachedTo ? `on ${a.attachedTo.slice(7, 19)}` : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    return el(
      'tr',
      {},
      el('td', {}, el('span', { class: `kind kind-${a.kind}` }, KIND_LABEL[a.kind])),
      el('td', {}, a.format, about ? el('div', { class: 'muted small' }, about) : undefined),
      el(
        'td',
        {},
        el('code', {}, a.digest),
        el(
          'div',
          { class: 'muted small' },
          a.tag ? `${SOURCE_LABEL[a.source] ?? a.source}: ${a.tag.length > 30 ? `${a.tag.slice(0, 30)}…` : a.tag}` : (SOURCE_LABEL[a.source] ?? a.source),
        ),
      ),
      el('td', {}, bytes(a.size)),
      el('td', {}, a.created ? a.created.replace('T', ' ').slice(0, 16) : ''),
      el('td', {}, open),
    );
  });
  section.append(
    el(
      'table',
      { class: 'grid attached' },
      el('thead', {}, el('tr', {}, ...['Kind', 'Format', 'Digest', 'Size', 'Created', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...rows),
    ),
  );
  for (const [digest, p] of shown) {
    if (!attached.some((a) => a.digest === digest)) continue;
    section.append(
      el('h3', {}, `Packages of ${digest.slice(0, 19)} (${p.format}, ${p.packages.length})`),
      el(
        'table',
        { class: 'grid packages' },
        el('thead', {}, el('tr', {}, ...['Package', 'Version', 'License', 'purl'].map((h) => el('th', {}, h)))),
        el(
          'tbody',
          {},
          ...p.packages.map((x) =>
            el('tr', {}, el('td', {}, x.name), el('td', {}, x.version ?? ''), el('td', {}, x.license ?? ''), el('td', {}, el('code', {}, x.purl ?? ''))),
          ),
        ),
      ),
    );
  }
  return section;
}

/** Remember an SBOM's packages (the page re-renders to show them). */
export function rememberPackages(digest: string, format: string, packages: PackageInfo[]): void {
  shown.set(digest, { format, packages });
}
