// Raw manifests as read-only JSON documents: a TextDocumentContentProvider for the
// dockhand-manifest: scheme (VS Code opens such documents read-only).
import * as vscode from 'vscode';
import type { RegistryApi, RegistryTarget } from '../registry/registryApi';

export const MANIFEST_SCHEME = 'dockhand-manifest';

export function manifestUri(t: RegistryTarget, repo: string, reference: string): vscode.Uri {
  const query = new URLSearchParams({ url: t.url, ...(t.insecure ? { insecure: '1' } : {}), ...(t.caFile ? { ca: t.caFile } : {}) }).toString();
  const safeRef = reference.replace(':', '-');
  return vscode.Uri.from({ scheme: MANIFEST_SCHEME, path: `/${t.host}/${repo}/${safeRef}.json`, query, fragment: reference });
}

export class ManifestDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly registry: RegistryApi) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const url = q.get('url') ?? '';
    const host = new URL(url).host;
    const t: RegistryTarget = { url, host, ...(q.get('insecure') ? { insecure: true } : {}), ...(q.get('ca') ? { caFile: q.get('ca') ?? undefined } : {}) };
    const rest = uri.path.slice(host.length + 2).replace(/\.json$/, '');
    const reference = uri.fragment;
    const repo = rest.slice(0, rest.lastIndexOf('/'));
    try {
      const m = await this.registry.getManifest(t, repo, reference);
      const body = JSON.stringify(JSON.parse(m.raw.toString('utf8')), null, 2);
      return `${body}\n`;
    } catch (err) {
      return `// Could not get the manifest of ${host}/${repo}:${reference}\n// ${(err as Error).message}\n`;
    }
  }
}
