// The typed message protocol between the image details panel (host) and its webview
// script. Both sides import this file; every message is checked with a type guard before
// use (the other side is not trusted blindly).
import type { AttachmentRow } from '@dockhand/shared/attachments';

export interface LayerInfo {
  digest: string;
  size: number;
  mediaType: string;
}
export interface HistoryInfo {
  created?: string;
  createdBy?: string;
  comment?: string;
  emptyLayer: boolean;
}
export interface PlatformInfo {
  platform: string;
  digest: string;
  mediaType: string;
  size: number;
  attestation: boolean;
  layers: LayerInfo[];
  config?: {
    created?: string;
    env: string[];
    entrypoint?: string[];
    cmd?: string[];
    workingDir?: string;
    user?: string;
    labels: Record<string, string>;
    exposedPorts: string[];
    history: HistoryInfo[];
  };
}
export interface ReferrerInfo {
  digest: string;
  mediaType: string;
  artifactType?: string;
  size: number;
}

/** A signature, SBOM or attestation attached to the image: shared's attachment row (src/webview/attachedData.ts). */
export type AttachedInfo = AttachmentRow;
export interface PackageInfo {
  name: string;
  version?: string;
  license?: string;
  purl?: string;
}

export interface DetailsData {
  /** host/repo:tag */
  reference: string;
  digest: string;
  mediaType: string;
  isIndex: boolean;
  totalSize: number;
  platforms: PlatformInfo[];
  referrers: ReferrerInfo[];
  /** Signatures, SBOMs and attestations (all routes: referrers API, tag schema, cosign tags, the index); absent when not looked up. */
  attached?: AttachedInfo[];
}

/** Host -> webview. */
export type HostMessage =
  | { type: 'loading'; reference: string }
  | { type: 'details'; data: DetailsData }
  | { type: 'error'; reference: string; message: string }
  | { type: 'state'; state: DetailsState }
  | { type: 'attachmentPackages'; digest: string; format: string; packages: PackageInfo[] };

/** Webview -> host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'copy'; text: string }
  | { type: 'openManifest'; digest: string }
  | { type: 'openAttachment'; digest: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isHostMessage(v: unknown): v is HostMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'loading':
      return typeof v.reference === 'string';
    case 'error':
      return typeof v.reference === 'string' && typeof v.message === 'string';
    case 'state':
      return isDetailsState(v.state);
    case 'attachmentPackages':
      return (
        typeof v.digest === 'string' &&
        typeof v.format === 'string' &&
        Array.isArray(v.packages) &&
        v.packages.every((p) => isObj(p) && typeof p.name === 'string')
      );
    case 'details':
      return (
        isObj(v.data) &&
        typeof v.data.reference === 'string' &&
        typeof v.data.digest === 'string' &&
        Array.isArray(v.data.platforms) &&
        Array.isArray(v.data.referrers)
      );
    default:
      return false;
  }
}

export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'copy':
      return typeof v.text === 'string' && v.text.length < 10_000;
    case 'openManifest':
    case 'openAttachment':
      return typeof v.digest === 'string' && /^sha256:[a-f0-9]{64}$/.test(v.digest);
    default:
      return false;
  }
}

/** What the panel persists (vscode.setState) so a WebviewPanelSerializer can restore it. */
export interface DetailsState {
  target: { url: string; host: string; insecure?: boolean; caFile?: string };
  repo: string;
  tag: string;
}

export function isDetailsState(v: unknown): v is DetailsState {
  return (
    isObj(v) &&
    isObj(v.target) &&
    typeof v.target.url === 'string' &&
    typeof v.target.host === 'string' &&
    typeof v.repo === 'string' &&
    typeof v.tag === 'string'
  );
}
