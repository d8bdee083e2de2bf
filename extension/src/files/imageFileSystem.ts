// A read-only FileSystemProvider for the files inside remote images (scheme dockhand-image:),
// so image files open in ordinary editors (highlighting, search, binary detection). A URI is
//   dockhand-image:/<host>/<repo>/@<tag or digest>/<path inside the image>?url=..&insecure=1&ca=..&platform=..
// ("@" cannot occur in a repository name, so it marks where the image path starts). Opened
// images are kept for a few minutes (a handful at most); layer indexes live in the disk cache.
import { explainFailure } from '../errors/failureWording';
import * as vscode from 'vscode';
import type { ImageFiles, LayerProgress, RegistryApi, RegistryTarget } from '../registry/registryApi';
import type { MergedEntry } from '@dockhand/shared/image-files';
import { registryUrlForHost } from '@dockhand/shared/reference';

export const IMAGE_FILES_SCHEME = 'dockhand-image';
/** Files larger than this are not opened in an editor (the message says how to save them). */
export const MAX_EDITOR_FILE_BYTES = 50 * 1024 * 1024;
const KEEP_MS = 10 * 60 * 1000;
const KEEP_IMAGES = 4;

export interface ImageLocation {
  target: RegistryTarget;
  repo: string;
  reference: string;
  platform?: string;
  /** Path inside the image without a leading slash ("" is the root). */
  path: string;
}

export function imageFileUri(loc: ImageLocation): vscode.Uri {
  const t = loc.target;
  const query = new URLSearchParams({
    url: t.url,
    ...(t.insecure ? { insecure: '1' } : {}),
    ...(t.caFile ? { ca: t.caFile } : {}),
    ...(loc.platform ? { platform: loc.platform } : {}),
  }).toString();
  return vscode.Uri.from({ scheme: IMAGE_FILES_SCHEME, path: `/${t.host}/${loc.repo}/@${loc.reference}${loc.path ? `/${loc.path}` : ''}`, query });
}

export function parseImageFileUri(uri: vscode.Uri): ImageLocation {
  const parts = uri.path.split('/').filter(Boolean);
  const at = parts.findIndex((p) => p.startsWith('@'));
  if (at < 2) throw vscode.FileSystemError.FileNotFound(uri);
  const q = new URLSearchParams(uri.query);
  const host = parts[0]!;
  const target: RegistryTarget = {
    url: q.get('url') ?? registryUrlForHost(host),
    host,
    ...(q.get('insecure') ? { insecure: true } : {}),
    ...(q.get('ca') ? { caFile: q.get('ca')! } : {}),
  };
  return {
    target,
    repo: parts.slice(1, at).join('/'),
    reference: parts[at]!.slice(1),
    ...(q.get('platform') ? { platform: q.get('platform')! } : {}),
    path: parts.slice(at + 1).join('/'),
  };
}

export class ImageFileSystemProvider implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly opened = new Map<string, { files: Promise<ImageFiles>; at: number }>();

  constructor(private readonly registry: RegistryApi) {}

  private key(l: ImageLocation): string {
    return [l.target.host, l.target.insecure ? 1 : 0, l.target.caFile ?? '', l.repo, l.reference, l.platform ?? ''].join('|');
  }

  /** The opened image (indexing its layers the first time; `signal` cancels that). */
  files(l: ImageLocation, opts: { signal?: AbortSignal; onProgress?: (p: LayerProgress) => void } = {}): Promise<ImageFiles> {
    const key = this.key(l);
    const now = Date.now();
    for (const [k, v] of this.opened) if (now - v.at > KEEP_MS) this.opened.delete(k);
    const hit = this.opened.get(key);
    if (hit) {
      hit.at = now;
      return hit.files;
    }
    const files = this.registry.openImageFiles(l.target, l.repo, l.reference, { ...(l.platform ? { platform: l.platform } : {}), ...opts });
    this.opened.set(key, { files, at: now });
    files.catch(() => this.opened.delete(key));
    while (this.opened.size > KEEP_IMAGES) this.opened.delete(this.opened.keys().next().value!);
    return files;
  }

  private async entry(uri: vscode.Uri): Promise<{ loc: ImageLocation; files: ImageFiles; entry: MergedEntry }> {
    const loc = parseImageFileUri(uri);
    const files = await this.files(loc);
    const entry = loc.path === '' ? files.tree.get('') : files.tree.resolve(loc.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return { loc, files, entry };
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const loc = parseImageFileUri(uri);
    const files = await this.files(loc);
    const own = loc.path === '' ? files.tree.get('') : files.tree.resolve(loc.path, false);
    const { entry } = await this.entry(uri);
    return {
      type: fileType(entry) | (own?.type === 'symlink' ? vscode.FileType.SymbolicLink : 0),
      ctime: 0,
      mtime: 0,
      size: entry.size,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { files, entry } = await this.entry(uri);
    const list = files.tree.list(entry.path);
    if (!list) throw vscode.FileSystemError.FileNotADirectory(uri);
    return list.map((e) => {
      const target = e.type === 'symlink' ? files.tree.resolve(e.path) : e;
      return [
        e.path.slice(e.path.lastIndexOf('/') + 1),
        (target ? fileType(target) : vscode.FileType.Unknown) | (e.type === 'symlink' ? vscode.FileType.SymbolicLink : 0),
      ];
    });
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { loc, files, entry } = await this.entry(uri);
    if (entry.type === 'dir') throw vscode.FileSystemError.FileIsADirectory(uri);
    try {
      return await this.registry.readImageFile(loc.target, files, entry.path, { maxBytes: MAX_EDITOR_FILE_BYTES });
    } catch (err) {
      throw vscode.FileSystemError.Unavailable(explainFailure(err).text);
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  private readOnly(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(`${uri.path}: files inside a registry image are read-only`);
  }
  createDirectory(uri: vscode.Uri): void {
    this.readOnly(uri);
  }
  writeFile(uri: vscode.Uri): void {
    this.readOnly(uri);
  }
  delete(uri: vscode.Uri): void {
    this.readOnly(uri);
  }
  rename(uri: vscode.Uri): void {
    this.readOnly(uri);
  }

  dispose(): void {
    this.emitter.dispose();
    this.opened.clear();
  }
}

function fileType(e: MergedEntry): vscode.FileType {
  if (e.type === 'dir') return vscode.FileType.Directory;
  if (e.type === 'file' || e.type === 'hardlink') return vscode.FileType.File;
  return vscode.FileType.Unknown;
}
