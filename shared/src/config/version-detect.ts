// Which registry version a file is written for: a `# dockhand-target: 3` comment, or the
// version-specific keys it uses (3.x: redis.addrs, storage.tag, http.h2c, ...; 2.8:
// reporting, compatibility, swift, oss, redis.pool). Nothing specific: 3.x (current).
import { deref, type YNode } from './yaml-tree';
import { lookup } from './rule-context';
import type { TargetName, TargetVersion } from './types';

const V3_PATHS = [
  ['redis', 'addrs'],
  ['storage', 'tag'],
  ['http', 'h2c'],
  ['http', 'tls', 'clientauth'],
  ['auth', 'token', 'jwks'],
  ['validation', 'manifests', 'indexes'],
  ['log', 'reportcaller'],
  ['proxy', 'ttl'],
  ['proxy', 'exec'],
  ['tags'],
  ['redis', 'tls'],
  ['storage', 's3', 'forcepathstyle'],
  ['storage', 'azure', 'credentials'],
];
const V2_PATHS = [
  ['reporting'],
  ['compatibility'],
  ['storage', 'swift'],
  ['storage', 'oss'],
  ['redis', 'pool'],
  ['middleware', 'storage', '0', 'options', 'updatefrenquency'],
];

function has(root: YNode, path: string[]): boolean {
  let cur: YNode | undefined = root;
  for (const seg of path) {
    const n = deref(cur);
    if (!n) return false;
    if (n.kind === 'map') cur = lookup(n, seg)?.value;
    else if (n.kind === 'seq' && /^\d+$/.test(seg)) cur = n.items[Number(seg)];
    else if (n.kind === 'scalar' && path.length === 2 && seg === path[1]) return deref(cur)?.kind === 'scalar' && n.value === seg;
    else return false;
    if (cur === undefined) return false;
  }
  return true;
}

/** A `# dockhand-target: 2.8|2.8-debian|3|3.0|3.1` comment, if the file has one. */
export function targetComment(text: string): TargetName | undefined {
  const m = /^#\s*dockhand-target:\s*(2\.8-debian|2\.8|3\.0|3\.1|3)(?![\w.-])/m.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  return m ? (m[1] as TargetName) : undefined;
}

export function detectVersion(text: string, root: YNode): { version: TargetVersion; source: 'detected' | 'default' } {
  const v3 = V3_PATHS.filter((p) => has(root, p)).length;
  const v2 = V2_PATHS.filter((p) => has(root, p)).length;
  if (v3 > v2) return { version: '3', source: 'detected' };
  if (v2 > v3) return { version: '2.8', source: 'detected' };
  return { version: '3', source: 'default' };
}
