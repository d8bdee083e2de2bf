// What the Registries view and the details panel know about images, cached once for both:
// inspections (platforms, layers, sizes) by reference, tag creation dates, and attachments by
// manifest digest. Every key is built by the helpers below (registry URL, repository and
// reference, each ended by "|"), so forgetting repository "app" never drops "app2"'s entries.
// No vscode import: unit-tested in registryModel.test.ts.
import type { Discovery, Inspection, RegistryApi, RegistryTarget } from '../registry/registryApi';
import { CreatedDates } from './createdDates';

/** Tag dates fetched at once across repositories. */
const DATE_CONCURRENCY = 4;

/** The key prefix of everything cached for a registry, or for one repository of it. */
export function scopeKey(target: Pick<RegistryTarget, 'url'>, repo?: string): string {
  return repo === undefined ? `${target.url}|` : `${target.url}|${repo}|`;
}

/** The key of one reference (tag or digest) of a repository. */
export function referenceKey(target: Pick<RegistryTarget, 'url'>, repo: string, reference: string): string {
  return `${scopeKey(target, repo)}${reference}`;
}

/** A promise cache that forgets a rejected entry (the next ask tries again). */
class PromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  get(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.entries.get(key);
    if (!p) {
      p = load();
      p.catch(() => {
        if (this.entries.get(key) === p) this.entries.delete(key);
      });
      this.entries.set(key, p);
    }
    return p;
  }

  forget(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

export class RegistryModel {
  private readonly inspections = new PromiseCache<Inspection>();
  private readonly attachments = new PromiseCache<Discovery[]>();
  /** Creation dates by tag; its scope is `dateScope(...)`. */
  readonly dates = new CreatedDates(DATE_CONCURRENCY);

  constructor(private readonly registry: RegistryApi) {}

  inspect(target: RegistryTarget, repo: string, reference: string): Promise<Inspection> {
    return this.inspections.get(referenceKey(target, repo, reference), () => this.registry.inspect(target, repo, reference));
  }

  /** Signatures, SBOMs and attestations of a manifest (cached until the repository is forgotten). */
  attachmentsOf(target: RegistryTarget, repo: string, digest: string): Promise<Discovery[]> {
    return this.attachments.get(referenceKey(target, repo, digest), () => this.registry.attachments(target, repo, digest));
  }

  /** The scope CreatedDates keys a repository's tags by (it appends "|" + tag). */
  dateScope(target: RegistryTarget, repo: string): string {
    return `${target.url}|${repo}`;
  }

  /** Forgets what is cached for one repository, a whole registry, or (no target) everything. */
  forget(target?: Pick<RegistryTarget, 'url'>, repo?: string): void {
    const prefix = target ? scopeKey(target, repo) : '';
    this.inspections.forget(prefix);
    this.attachments.forget(prefix);
    this.dates.forget(prefix);
  }
}
