// Registry-shaped notification events for tests (the envelope format of distribution 2.8's
// notifications package: id, timestamp, action, target{mediaType,digest,size,repository,tag,url}, request, actor, source).
import { createHash } from 'node:crypto';

export const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';

export function fakeDigest(seed: string): string {
  return 'sha256:' + createHash('sha256').update(seed).digest('hex');
}

export function registryEvent(over: {
  id: string;
  action?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  timestamp?: string;
  mediaType?: string;
  /** The registry's host[:port] as the client named it (default 127.0.0.1:5000). */
  host?: string;
  userAgent?: string;
}): Record<string, unknown> {
  const host = over.host ?? '127.0.0.1:5000';
  return {
    id: over.id,
    timestamp: over.timestamp ?? '2026-01-02T03:04:05.123456789Z',
    action: over.action ?? 'push',
    target: {
      mediaType: over.mediaType ?? MANIFEST_TYPE,
      size: 528,
      digest: over.digest ?? fakeDigest(over.id),
      length: 528,
      repository: over.repository ?? 'team/app',
      url: `http://${host}/v2/${over.repository ?? 'team/app'}/manifests/${over.digest ?? fakeDigest(over.id)}`,
      ...(over.tag ? { tag: over.tag } : {}),
    },
    request: { id: 'req-1', addr: '127.0.0.1:40000', host, method: over.action === 'pull' ? 'GET' : 'PUT', useragent: over.userAgent ?? 'skopeo/1.9.3' },
    actor: { name: 'alice' },
    source: { addr: 'registry:5000', instanceID: 'inst-1' },
  };
}
