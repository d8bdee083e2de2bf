// Raw manifests as read-only JSON documents: a TextDocumentContentProvider for the
// dockhand-manifest: scheme (VS Code opens such documents read-only). The URI names the
// registry by URL only; its TLS options come from the user's settings (manifestRequest.ts).
import * as vscode from 'vscode';
import type { RegistryApi, RegistryTarget } from '../registry/registryApi';
import { registrySettings } from '../settings';
import { manifestRequest } from './manifestRequest';
import { explainFailure } from '../errors/failureWording';

export const MANIFEST_SCHEME = 'dockhand-manifest';

export function manifestUri(t: RegistryTarget, repo: string, reference: string): vscode.Uri {
  const query = new URLSearchParams({ url: t.url }).toString();
  const safeRef = reference.replace(':', '-');
  return vscode.Uri.from({ scheme: MANIFEST_SCHEME, path: `/${t.host}/${repo}/${safeRef}.json`, query, fragment: reference });
}

/** An image config blob (by digest) as a read-only JSON document of the same scheme. */
export function configUri(t: RegistryTarget, repo: string, digest: string): vscode.Uri {
  const query = new URLSearchParams({ url: t.url, blob: 'config' }).toString();
  return vscode.Uri.from({ scheme: MANIFEST_SCHEME, path: `/${t.host}/${repo}/config-${digest.replace(':', '-')}.json`, query, fragment: digest });
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
      if (new URLSearchParams(uri.query).get('blob') === 'config') {
        if (!/^sha256:[0-9a-f]{64}$/.test(reference)) throw new Error(`${reference} is not a config digest`);
        return `${JSON.stringify(JSON.parse((await this.registry.getConfigBytes(req.target, repo, reference)).toString('utf8')), null, 2)}\n`;
      }
      const m = await this.registry.getManifest(req.target, repo, reference);
      const body = JSON.stringify(JSON.parse(m.raw.toString('utf8')), null, 2);
      return `${body}\n`;
    } catch (err) {
      return `// Could not get the ${new URLSearchParams(uri.query).get('blob') === 'config' ? 'config' : 'manifest'} of ${host}/${repo}${reference.startsWith('sha256:') ? '@' : ':'}${reference}\n// ${explainFailure(err).text}\n`;
    }
  }
}
