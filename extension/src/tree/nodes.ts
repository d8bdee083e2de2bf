// The nodes of the Registries view. Plain data; registriesProvider.ts turns them into
// TreeItems (treeItems.ts) and loads their children.
import type { RegistryTarget, PlatformImage, Descriptor } from '../registry/registryApi';
import type { AttachmentNode } from './attachmentNodes';

export interface RegistryNode {
  kind: 'registry';
  target: RegistryTarget;
  /** Where it came from: 'settings', or a credential source kind ('credsStore', 'keychain', ...). */
  sources: string[];
  username?: string;
}
export interface RepositoryNode {
  kind: 'repository';
  target: RegistryTarget;
  repo: string;
}
export interface TagNode {
  kind: 'tag';
  target: RegistryTarget;
  repo: string;
  tag: string;
  created?: string;
  /** From the event receiver: the push event's time and the last pull seen; usageKnown: a receiver answered. */
  pushedAt?: string;
  lastPulled?: string;
  usageKnown?: boolean;
}
export interface PlatformNode {
  kind: 'platform';
  target: RegistryTarget;
  repo: string;
  tag: string;
  image: PlatformImage;
}
export interface LayerNode {
  kind: 'layer';
  target: RegistryTarget;
  repo: string;
  layer: Descriptor;
  index: number;
}
export interface LoadMoreNode {
  kind: 'loadMore';
  target: RegistryTarget;
  loaded: number;
  /** Names read so far, and whether that is the whole catalog. */
  total?: number;
  complete?: boolean;
}
export interface InfoNode {
  kind: 'info';
  label: string;
  description?: string;
  icon?: string;
}
export interface ErrorNode {
  kind: 'error';
  /** What failed, e.g. "Could not list repositories". */
  label: string;
  message: string;
  fix?: { title: string; command: string; args: unknown[] };
}

export type DockhandNode = RegistryNode | RepositoryNode | TagNode | PlatformNode | LayerNode | LoadMoreNode | InfoNode | ErrorNode | AttachmentNode;
export type { AttachmentNode };

export function imageRef(n: { target: RegistryTarget; repo: string; tag?: string }, digest?: string): string {
  return digest ? `${n.target.host}/${n.repo}@${digest}` : `${n.target.host}/${n.repo}:${n.tag ?? 'latest'}`;
}
