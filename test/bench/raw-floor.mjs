#!/usr/bin/env node
// The floor for listing: the bare paginated requests at the registry's maximum page size,
// with nothing else (no parsing beyond JSON, no auth, no output formatting beyond a count).
//   node raw-floor.mjs catalog http://127.0.0.1:PORT
//   node raw-floor.mjs tags http://127.0.0.1:PORT REPO
const [kind, base, repo] = process.argv.slice(2);
let next = kind === 'catalog' ? '/v2/_catalog?n=1000' : `/v2/${repo}/tags/list?n=1000`;
let total = 0;
while (next) {
  const res = await fetch(new URL(next, base));
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = await res.json();
  total += (kind === 'catalog' ? body.repositories : body.tags)?.length ?? 0;
  const link = res.headers.get('link');
  const m = link && /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  next = m ? m[1] : undefined;
}
console.log(total);
