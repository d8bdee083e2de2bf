// Raw manifests as read-only JSON documents: a TextDocumentContentProvider for the
// dockhand-manifest: scheme (VS Code opens such documents read-only). The URI names the
// registry by URL only; its TLS options come from the user's settings (manifestRequest.ts).
import * as vscode from 'vscode';
import type { RegistryApi, RegistryTarget } from '../registry/registryApi';
import { registrySettings } from '../settings';
import { manifestRequest } from './manifestRequest';
import { redact } from '@dockhand/shared/credentials';

export const MANIFEST_SCHEME = 'dockhand-manifest';

export function manifestUri(t: RegistryTarget, repo: string, reference: string): vscode.Uri {
  const query = new URLSearchParams({ url: t.url }).toString();
  const safeRef = reference.replace(':', '-');
  return vscode.Uri.from({ scheme: MANIFEST_SCHEME, path: `/${t.host}/${repo}/${safeRef}.json`, query, fragment: reference });
}

export class ManifestDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly registry: RegistryApi) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    let host = '';
    let repo = '';
    let reference = uri.fragment;
    try {
      const req = manifestRequest(uri, registrySettings());
      ({ repo, reference } = req);
      host = req.target.host;
      const m = await this.registry.getManifest(req.target, repo, reference);
      const body = JSON.stringify(JSON.parse(m.raw.toString('utf8')), null, 2);
      return `${body}\n`;
    } catch (err) {
      return `// Could not get the manifest of ${host}/${repo}:${reference}\n// ${redact((err as Error).message)}\n`;
    }
  }
}
