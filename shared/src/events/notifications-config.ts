// Writes the registry's `notifications:` block that points at a Dockhand receiver (for
// `dockhand listen-config` and the editor's code action). Pure: no Node, no files.
export type NotificationsTarget = '2.8' | '3.0' | '3.1';
export const NOTIFICATION_TARGETS: readonly NotificationsTarget[] = ['2.8', '3.0', '3.1'];

/** Layer blob media types: their push/pull events are noise for Dockhand (manifests carry the history). */
export const LAYER_MEDIA_TYPES = [
  'application/octet-stream',
  'application/vnd.docker.container.image.rootfs.diff+x-gtar',
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
  'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.oci.image.layer.v1.tar+zstd',
];

export interface NotificationsBlockOptions {
  /** Where the receiver listens, e.g. http://127.0.0.1:5055/events */
  url: string;
  token: string;
  /** Leave out pull events (no last-pulled dates then). */
  noPulls?: boolean;
  /** Also send layer blob events (many more events; default false). */
  blobs?: boolean;
  target?: NotificationsTarget;
  name?: string;
  /** Spaces before `notifications:` (for inserting into a nested position; default 0). */
  indent?: number;
}

const q = (s: string) => JSON.stringify(s);

export function notificationsBlock(o: NotificationsBlockOptions): string {
  let u: URL;
  try {
    u = new URL(o.url);
  } catch {
    throw new Error(`--url ${q(o.url)} is not a URL (e.g. http://127.0.0.1:5055/events)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`--url ${q(o.url)}: use http:// or https://`);
  if (!/^[\x21-\x7e]+$/.test(o.token)) throw new Error('the token must be printable characters without spaces');
  const pad = ' '.repeat(o.indent ?? 0);
  const lines = [
    `# Send registry events to Dockhand (dockhand listen). Written by dockhand listen-config for registry ${o.target ?? '3.1'}.`,
    'notifications:',
    '  endpoints:',
    `    - name: ${q(o.name ?? 'dockhand')}`,
    `      url: ${q(u.toString())}`,
    '      headers:',
    `        Authorization: [${q(`Bearer ${o.token}`)}]`,
    '      timeout: 5s',
    '      threshold: 10',
    '      backoff: 1s',
  ];
  const ignoreTypes = o.blobs ? [] : LAYER_MEDIA_TYPES;
  if (ignoreTypes.length || o.noPulls) {
    lines.push('      ignore:');
    if (ignoreTypes.length) lines.push('        mediatypes:', ...ignoreTypes.map((t) => `          - ${q(t)}`));
    if (o.noPulls) lines.push('        actions:', '          - pull');
  }
  return lines.map((l) => pad + l).join('\n') + '\n';
}
