// A realistic 1,000-line registry config.yml for the lint benchmark: the usual sections
// plus many notification endpoints and health checks, with one mistake at the end that
// the registry itself rejects (so its start-and-fail is comparable).
export function bigConfig(lines = 1000, broken = true): string {
  const head = [
    'version: 0.1',
    'log:',
    '  accesslog:',
    '    disabled: false',
    '  level: info',
    '  formatter: text',
    '  fields:',
    '    service: registry',
    'storage:',
    '  filesystem:',
    '    rootdirectory: /var/lib/registry',
    '    maxthreads: 100',
    '  delete:',
    '    enabled: true',
    '  cache:',
    '    blobdescriptor: inmemory',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: true',
    '      age: 168h',
    '      interval: 24h',
    '      dryrun: false',
    'http:',
    '  addr: 127.0.0.1:5000',
    '  secret: bench-secret',
    '  headers:',
    '    X-Content-Type-Options: [nosniff]',
    'health:',
    '  storagedriver:',
    '    enabled: true',
    '    interval: 10s',
    '    threshold: 3',
    'notifications:',
    '  events:',
    '    includereferences: true',
    '  endpoints:',
  ];
  const out = [...head];
  let i = 0;
  while (out.length < lines - 2) {
    out.push(
      `    - name: endpoint-${i}`,
      `      url: https://hooks.example.com/registry/${i}`,
      '      headers:',
      `        Authorization: [Bearer token-${i}]`,
      '      timeout: 1s',
      '      threshold: 10',
      '      backoff: 1s',
      '      ignoredmediatypes:',
      '        - application/octet-stream',
    );
    i++;
  }
  out.length = Math.min(out.length, lines - 2);
  out.push('catalog:', broken ? '  maxentries: notanumber' : '  maxentries: 1000');
  return out.join('\n') + '\n';
}
