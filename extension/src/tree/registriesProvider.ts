// The Registries view: registries from the shared credential store (docker config,
// credential helpers, auth.json, Dockhand's keychain) plus the ones in the settings;
// repositories loaded lazily page by page ("Load more…") with a per-registry filter;
// tags sorted by semver or date; platforms and layers with sizes under a tag. Failures
// become error items with a fix, never exceptions thrown at the view.
import * as vscode from 'vscode';
import type { CredentialStore } from '@dockhand/shared/credentials';
import { registrySettings, tagSort, pageSize } from '../settings';
import { normalizeRegistryUrl, registryUrlForHost } from '@dockhand/shared/reference';
import type { CatalogCursor, Discovery, Inspection, RegistryApi, RegistryTarget } from '../registry/registryApi';
import type { DockhandNode, LoadMoreNode, RegistryNode, RepositoryNode, TagNode } from './nodes';
import { toTreeItem } from './treeItems';
import { errorNode } from './errorNode';
import { sortTagNames } from '@dockhand/shared/tags';
import type { Log } from '../log';
import { isAttachmentTag } from '@dockhand/shared/attachments';
import { attachmentNodes, nestedAttachmentNodes } from './attachmentNodes';
import type { RegistryModel } from './registryModel';
import { clientCertificateFields } from '../registry/clientCertificate';

/** Pushed-at and last-pulled per tag of a repository (from the event receiver), or undefined when none runs. */
export type TagUsageSource = (host: string, repo: string) => Promise<ReadonlyMap<string, { pushedAt?: string; lastPulled?: string }> | undefined>;

/** Tag dates fetched at once; repositories with more missing dates show by name first. */
const EAGER_DATES = 50;

interface CatalogState {
  cursor: CatalogCursor;
  pageSize: number;
  /** Every name read so far (the rest of the catalog streams in after the first page). */
  repos: string[];
  /** How many of them the tree shows ("Load more…" adds a page). */
  shown: number;
  done: boolean;
  error?: unknown;
  loading?: Promise<void>;
  streaming?: Promise<void>;
}

/** How often the registry row's count is redrawn while the catalog streams in. */
const COUNT_REDRAW_MS = 1000;

export class RegistriesTreeProvider implements vscode.TreeDataProvider<DockhandNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DockhandNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private registryNodes = new Map<string, RegistryNode>();
  private catalogs = new Map<string, CatalogState>();
  private filters = new Map<string, string>();
  private pinned = new Map<string, string[]>();
  /** Repository nodes as the view holds them (a live event refreshes exactly that node). */
  private readonly repoNodes = new Map<string, RepositoryNode>();
  private tagUsage?: TagUsageSource;

  /** Inspections, tag dates and attachments: shared with the details panel (registryModel.ts). */
  constructor(
    private readonly store: CredentialStore,
    private readonly registry: RegistryApi,
    private readonly log: Log,
    readonly model: RegistryModel,
  ) {}

  /** Refresh one node (reloading what is under it) or everything. */
  refresh(node?: DockhandNode): void {
    if (!node || node.kind === 'registry') {
      for (const [url, c] of this.catalogs) {
        if (!node || url === node.target.url) {
          c.cursor.close();
          this.catalogs.delete(url);
        }
      }
    }
    if (node && 'target' in node) this.model.forget(node.target, 'repo' in node ? node.repo : undefined);
    else if (!node) this.model.forget();
    if (!node) {
      this.registry.reset();
      this.registryNodes.clear();
    }
    this.changed.fire(node && node.kind !== 'info' && node.kind !== 'error' && node.kind !== 'loadMore' ? node : undefined);
  }

  /** Forget what is cached for a repository (tags, inspections; the catalog too if asked) and redraw. */
  invalidate(target: RegistryTarget, repo: string, opts: { catalog?: boolean } = {}): void {
    this.model.forget(target, repo);
    if (opts.catalog) {
      for (const [url, c] of this.catalogs) {
        if (new URL(url).host === target.host) {
          c.cursor.close();
          this.catalogs.delete(url);
        }
      }
    }
    this.changed.fire(undefined);
  }

  /** Where pushed-at / last-pulled per tag come from (the event receiver), when one runs. */
  setTagUsage(source: TagUsageSource): void {
    this.tagUsage = source;
  }

  /**
   * A live registry event (push, delete, mount) changed `repo` on the registry at `host`:
   * reload that repository's tags, or the registry's catalog when the repository is new.
   */
  refreshRepository(host: string, repo: string): void {
    for (const reg of this.registryNodes.values()) {
      if (reg.target.host !== host) continue;
      this.model.forget(reg.target, repo);
      const node = this.repoNodes.get(`${reg.target.url}|${repo}`);
      if (node) {
        this.changed.fire(node);
        continue;
      }
      const c = this.catalogs.get(reg.target.url);
      if (c && !c.repos.includes(repo)) {
        c.cursor.close();
        this.catalogs.delete(reg.target.url);
      }
      this.changed.fire(reg);
    }
  }

  getTreeItem(node: DockhandNode): vscode.TreeItem {
    if (node.kind !== 'registry') return toTreeItem(node);
    const c = this.catalogs.get(node.target.url);
    return toTreeItem(node, {
      filter: this.filters.get(node.target.url),
      ...(c && (c.repos.length || c.done) ? { repositories: { count: c.repos.length, complete: c.done } } : {}),
    });
  }

  async getChildren(node?: DockhandNode): Promise<DockhandNode[]> {
    try {
      if (!node) return await this.registries();
      switch (node.kind) {
        case 'registry':
          return await this.repositories(node);
        case 'repository':
          return await this.tags(node);
        case 'tag':
          return await this.tagChildren(node);
        case 'platform':
          return node.image.layers.map((layer, index) => ({ kind: 'layer', target: node.target, repo: node.repo, layer, index }));
        case 'attachment':
          return nestedAttachmentNodes(node);
        default:
          return [];
      }
    } catch (err) {
      this.log.error('tree', err);
      return [errorNode('Could not load', err, node && 'target' in node ? node.target : undefined)];
    }
  }

  /** Registry nodes by URL (the same objects the view holds, for refresh). */
  async registries(): Promise<RegistryNode[]> {
    const byHost = new Map<string, RegistryNode>();
    for (const s of registrySettings()) {
      const url = normalizeRegistryUrl(s.url);
      if (!url) continue;
      const host = new URL(url).host;
      byHost.set(host, { kind: 'registry', target: { url, host, insecure: s.insecure, caFile: s.caFile, ...clientCertificateFields(s) }, sources: ['settings'] });
    }
    const listing = await this.store.list();
    for (const p of listing.problems) this.log.warn(`credentials: ${p.source}: ${p.message}`);
    for (const r of listing.registries) {
      // A namespaced entry ("docker.io/library") lists its registry but does not lend it a username: it applies to that namespace only.
      const username = r.namespace ? undefined : r.username;
      const existing = byHost.get(r.host);
      if (existing) {
        if (!existing.sources.includes(r.source.kind)) existing.sources.push(r.source.kind);
        existing.username ??= username;
      } else {
        byHost.set(r.host, {
          kind: 'registry',
          target: { url: registryUrlForHost(r.host), host: r.host },
          sources: [r.source.kind],
          ...(username ? { username } : {}),
        });
      }
    }
    const nodes: RegistryNode[] = [];
    for (const n of [...byHost.values()].sort((a, b) => a.target.host.localeCompare(b.target.host))) {
      const old = this.registryNodes.get(n.target.url);
      if (old) Object.assign(old, n);
      const node = old ?? n;
      this.registryNodes.set(n.target.url, node);
      nodes.push(node);
    }
    return nodes;
  }

  registryNode(host: string): RegistryNode | undefined {
    return [...this.registryNodes.values()].find((n) => n.target.host === host);
  }

  private catalog(target: RegistryTarget): CatalogState {
    let c = this.catalogs.get(target.url);
    if (!c) {
      const size = pageSize();
      c = { cursor: this.registry.openCatalog(target, size), pageSize: size, repos: [], shown: size, done: false };
      this.catalogs.set(target.url, c);
    }
    return c;
  }

  private loadPage(target: RegistryTarget): Promise<void> {
    const c = this.catalog(target);
    c.loading ??= (async () => {
      try {
        const page = await c.cursor.next();
        if (page === undefined) c.done = true;
        else {
          for (const r of page) c.repos.push(r);
          // A short page is the last one (the registry fills every page but the last).
          if (page.length < c.pageSize) c.done = true;
        }
        c.error = undefined;
      } catch (err) {
        c.error = err;
        this.log.error(`listing repositories of ${target.host}`, err);
      } finally {
        c.loading = undefined;
      }
    })();
    return c.loading;
  }

  /**
   * Reads the rest of the catalog in the background after the first page, redrawing the
   * registry row (its count) about once a second; stops on refresh, an error or the end.
   */
  private streamRest(target: RegistryTarget): void {
    const c = this.catalog(target);
    c.streaming ??= (async () => {
      let drawn = Date.now();
      while (!c.done && !c.error && this.catalogs.get(target.url) === c) {
        await this.loadPage(target);
        if (c.done || c.error || Date.now() - drawn >= COUNT_REDRAW_MS) {
          drawn = Date.now();
          const node = this.registryNodes.get(target.url);
          if (node && this.catalogs.get(target.url) === c) this.changed.fire(node);
        }
      }
    })();
  }

  private async repositories(node: RegistryNode): Promise<DockhandNode[]> {
    const c = this.catalog(node.target);
    if (!c.repos.length && !c.done && !c.error) await this.loadPage(node.target);
    if (!c.done && !c.error) this.streamRest(node.target);
    const filter = this.filters.get(node.target.url)?.toLowerCase();
    // A filter searches every name read so far; without one, the tree shows page by page.
    const pool = filter ? c.repos : c.repos.slice(0, c.shown);
    const names = [...new Set([...(this.pinned.get(node.target.url) ?? []), ...pool])].sort().filter((r) => !filter || r.toLowerCase().includes(filter));
    const out: DockhandNode[] = names.map((repo): RepositoryNode => {
      const key = `${node.target.url}|${repo}`;
      const known = this.repoNodes.get(key);
      if (known && known.target === node.target) return known;
      const fresh: RepositoryNode = { kind: 'repository', target: node.target, repo };
      this.repoNodes.set(key, fresh);
      return fresh;
    });
    if (c.error) out.push(errorNode('Could not list repositories', c.error, node.target));
    else if (!filter && (c.shown < c.repos.length || !c.done))
      out.push({ kind: 'loadMore', target: node.target, loaded: Math.min(c.shown, c.repos.length), total: c.repos.length, complete: c.done });
    else if (filter && !c.done)
      out.push({ kind: 'info', label: 'Still listing…', description: `${c.repos.length} repositories read so far`, icon: 'loading~spin' });
    if (!out.length) out.push({ kind: 'info', label: filter ? `No repository matches "${filter}"` : 'No repositories', icon: filter ? 'filter' : 'info' });
    return out;
  }

  /** Loads the next catalog page of the "Load more…" node's registry. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const c = this.catalog(node.target);
    c.shown = Math.max(c.shown, node.loaded) + c.pageSize;
    while (c.repos.length < c.shown && !c.done && !c.error) await this.loadPage(node.target);
    this.changed.fire(this.registryNodes.get(node.target.url));
  }

  /** Repository names loaded so far for a registry (for tests and pickers). */
  loadedRepositories(target: RegistryTarget): string[] {
    return [...(this.catalogs.get(target.url)?.repos ?? [])];
  }

  setFilter(node: RegistryNode, filter: string | undefined): void {
    if (filter) this.filters.set(node.target.url, filter);
    else this.filters.delete(node.target.url);
    this.changed.fire(this.registryNodes.get(node.target.url) ?? node);
  }

  filterOf(node: RegistryNode): string | undefined {
    return this.filters.get(node.target.url);
  }

  pinRepository(node: RegistryNode, repo: string): void {
    const list = this.pinned.get(node.target.url) ?? [];
    if (!list.includes(repo)) this.pinned.set(node.target.url, [...list, repo]);
    this.changed.fire(this.registryNodes.get(node.target.url) ?? node);
  }

  inspect(target: RegistryTarget, repo: string, reference: string): Promise<Inspection> {
    return this.model.inspect(target, repo, reference);
  }

  private async tags(node: RepositoryNode): Promise<DockhandNode[]> {
    let tags: string[];
    try {
      // Digest-named tags (sha256-<hex>.sig, ...) hold attachments: they show under their image.
      tags = (await this.registry.listTags(node.target, node.repo)).filter((t) => !isAttachmentTag(t));
    } catch (err) {
      return [errorNode('Could not list tags', err, node.target)];
    }
    if (!tags.length) return [{ kind: 'info', label: 'No tags' }];
    const mode = tagSort();
    const scope = this.model.dateScope(node.target, node.repo);
    const usage = await this.tagUsage?.(node.target.host, node.repo).catch(() => undefined);
    const notes: DockhandNode[] = [];
    // By push time, tags without a push event fall back to the image's created date.
    const dated = mode === 'date' ? tags : mode === 'pushed' && usage ? tags.filter((t) => !usage.get(t)?.pushedAt) : [];
    if (dated.length) {
      const missing = this.model.dates.missing(scope, dated).length;
      const loading = this.model.dates.load(
        scope,
        dated,
        async (tag) => (await this.inspect(node.target, node.repo, tag)).platforms.find((p) => p.configSummary?.created)?.configSummary?.created,
      );
      if (missing > EAGER_DATES) {
        // Large repository: show it now (by name), re-sort once every date has arrived.
        void loading.then(() => this.changed.fire(node));
        notes.push({ kind: 'info', label: `Loading the dates of ${missing} tags; sorted by name until then`, icon: 'loading~spin' });
      } else {
        await loading;
      }
    }
    const created = this.model.dates.known(scope, tags);
    if ((mode === 'pushed' || mode === 'pulled') && !usage)
      notes.push({ kind: 'info', label: 'No event receiver running: sorted by version', description: 'Dockhand: Start Event Receiver', icon: 'broadcast' });
    return [
      ...notes,
      // Newest first; without a receiver, push and pull times are unknown: by version then.
      ...sortTagNames(tags, (mode === 'pushed' || mode === 'pulled') && !usage ? 'semver' : mode, 'desc', (t) => ({
        created: created.get(t),
        ...usage?.get(t),
      })).map((tag): TagNode => {
        const u = usage?.get(tag);
        return {
          kind: 'tag',
          target: node.target,
          repo: node.repo,
          tag,
          ...(created.get(tag) ? { created: created.get(tag) } : {}),
          ...(u?.pushedAt ? { pushedAt: u.pushedAt } : {}),
          ...(u?.lastPulled ? { lastPulled: u.lastPulled } : {}),
          ...(usage ? { usageKnown: true } : {}),
        };
      }),
    ];
  }

  private async tagChildren(node: TagNode): Promise<DockhandNode[]> {
    let info: Inspection;
    try {
      info = await this.inspect(node.target, node.repo, node.tag);
    } catch (err) {
      return [errorNode('Could not read the manifest', err, node.target)];
    }
    const attached = await this.attachedTo(node, info.digest);
    // Attestation manifests of an index are listed with the attachments, not as platforms.
    if (info.isIndex)
      return [
        ...info.platforms
          .filter((image) => !image.attestation)
          .map((image): DockhandNode => ({ kind: 'platform', target: node.target, repo: node.repo, tag: node.tag, image })),
        ...attached,
      ];
    const image = info.platforms[0];
    if (!image) return [{ kind: 'info', label: 'No layers', description: info.mediaType }, ...attached];
    return [...image.layers.map((layer, index): DockhandNode => ({ kind: 'layer', target: node.target, repo: node.repo, layer, index })), ...attached];
  }

  /** Signatures, SBOMs and attestations of a manifest (cached until the repository is refreshed). */
  attachmentsOf(target: RegistryTarget, repo: string, digest: string): Promise<Discovery[]> {
    return this.model.attachmentsOf(target, repo, digest);
  }

  /** Attachment nodes of a tag's manifest; a failure is one error item among the children. */
  private async attachedTo(node: TagNode, digest: string): Promise<DockhandNode[]> {
    try {
      return attachmentNodes(node.target, node.repo, await this.model.attachmentsOf(node.target, node.repo, digest), digest);
    } catch (err) {
      this.log.warn(`attachments of ${node.target.host}/${node.repo}:${node.tag}: ${(err as Error).message}`);
      return [errorNode('Could not list signatures, SBOMs and attestations', err, node.target)];
    }
  }

  dispose(): void {
    for (const c of this.catalogs.values()) c.cursor.close();
    this.changed.dispose();
  }
}
