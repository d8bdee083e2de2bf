// Helpers for in-host suites: the activated extension's API and small tree walkers.
import * as vscode from 'vscode';
import type { DockhandApi } from '../../extension';
import { bedConfig } from './bedConfig';
import type { DockhandNode, RegistryNode, RepositoryNode, TagNode } from '../../tree/nodes';

export const extensionId = 'dockhand.dockhand';

export async function dockhand(): Promise<DockhandApi> {
  const ext = vscode.extensions.getExtension<DockhandApi>(extensionId);
  if (!ext) throw new Error(`extension ${extensionId} is not installed`);
  return ext.activate();
}

export async function registryNode(api: DockhandApi, host: string): Promise<RegistryNode> {
  const nodes = await api.registries.getChildren();
  const node = nodes.find((n): n is RegistryNode => n.kind === 'registry' && n.target.host === host);
  if (!node) throw new Error(`registry ${host} is not in the tree: ${nodes.map((n) => (n.kind === 'registry' ? n.target.host : n.kind)).join(', ')}`);
  return node;
}

/** Children of the registry node, loading every catalog page. */
export async function allRepositories(api: DockhandApi, reg: RegistryNode): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const kids = await api.registries.getChildren(reg);
    const more = kids.find((k) => k.kind === 'loadMore');
    if (!more || more.kind !== 'loadMore') return kids.filter((k): k is RepositoryNode => k.kind === 'repository').map((k) => k.repo);
    await api.registries.loadMore(more);
  }
  throw new Error('catalog never ended');
}

export function repoNode(reg: RegistryNode, repo: string): RepositoryNode {
  return { kind: 'repository', target: reg.target, repo };
}

export function tagNode(reg: RegistryNode, repo: string, tag: string): TagNode {
  return { kind: 'tag', target: reg.target, repo, tag };
}

export function labels(nodes: DockhandNode[]): string[] {
  return nodes.map((n) => {
    switch (n.kind) {
      case 'registry':
        return n.target.host;
      case 'repository':
        return n.repo;
      case 'tag':
        return n.tag;
      case 'loadMore':
        return 'Load more…';
      case 'error':
        return `error: ${n.label}`;
      case 'info':
        return `info: ${n.label}`;
      default:
        return n.kind;
    }
  });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dockhand').update(key, value, vscode.ConfigurationTarget.Global);
}

/** GET on the plain-HTTP bed registry (an oracle independent of Dockhand's client). */
export async function plainGet(url: string, path: string, accept?: string): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await fetch(`${url}${path}`, { headers: accept ? { accept } : {} });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

export async function plainTags(url: string, repo: string): Promise<string[]> {
  const r = await plainGet(url, `/v2/${repo}/tags/list`);
  if (r.status === 404) return [];
  const tags = (JSON.parse(r.body) as { tags: string[] | null }).tags;
  return (tags ?? []).sort();
}

export async function plainDigest(url: string, repo: string, tag: string): Promise<string | undefined> {
  const res = await fetch(`${url}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept:
        'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json',
    },
  });
  return res.status === 200 ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
}

/** The bed's plain-HTTP registry node, added through the extension's settings if missing. */
export async function plainRegistry(): Promise<RegistryNode> {
  const { plain } = bedConfig();
  const api = await dockhand();
  if (!(await api.registries.getChildren()).some((n) => n.kind === 'registry' && n.target.host === plain.host)) {
    await vscode.commands.executeCommand('dockhand.addRegistry', { url: plain.url, insecure: true });
  }
  return registryNode(api, plain.host);
}
