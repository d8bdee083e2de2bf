// `--migrate`: a 2.8 config rewritten for 3.0/3.1 by edits (comments and key order kept,
// each change explained in place). The differential test (test/integration) checks that every
// corpus config Debian's 2.8.2 accepts lints clean for 3.0 and 3.1 after migration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from './index';
import { migrateConfig } from './migrate';

const OLD = `# our registry (keep this comment)
# dockhand-target: 2.8
version: 0.1
log:
  level: info   # trailing comment stays
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  cache:
    blobdescriptor: redis
http:
  addr: :5000
  secret: s
  tls:
    certificate: /c.pem
    key: /k.pem
    minimumtls: tls1.0
    ciphersuites: [TLS_RSA_WITH_RC4_128_SHA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
redis:
  addr: redis:6379
  dialtimeout: 10ms
  readtimeout: 500
  pool:
    maxidle: 16
    maxactive: 64
    idletimeout: 300s
reporting:
  bugsnag:
    apikey: k
compatibility:
  schema1:
    enabled: true
notifications:
  endpoints:
    - name: hook
      url: https://example.com/events
`;

test('migrates redis, TLS, removed sections and the target comment by edits, explaining each', () => {
  for (const to of ['3.0', '3.1'] as const) {
    const before = lintConfig(OLD, { target: to }).diagnostics.filter((d) => d.severity === 'error');
    assert.ok(before.length > 0, 'the 2.8 file fails the 3.x linter before migration');
    const m = migrateConfig(OLD, to);
    assert.equal(m.error, undefined);
    const after = lintConfig(m.text).diagnostics;
    assert.deepEqual(
      after.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
      [],
      m.text,
    );
    assert.equal(lintConfig(m.text).target, to, 'the target comment says which release');
    assert.match(m.text, /^# our registry \(keep this comment\)$/m);
    assert.match(m.text, /level: info {3}# trailing comment stays/);
    assert.match(m.text, /# dockhand migrate: redis\.addr -> addrs[^\n]*\n {2}addrs: \[redis:6379\]/);
    assert.match(m.text, /\n {2}maxidleconns: 16\n {2}maxactiveconns: 64\n {2}connmaxidletime: 300s\n/);
    assert.match(m.text, /readtimeout: 500ns/);
    assert.match(m.text, /minimumtls: tls1\.2/);
    assert.match(m.text, /ciphersuites: \[TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\]/);
    assert.doesNotMatch(m.text.replace(/^\s*#.*$/gm, ''), /reporting:|compatibility:|bugsnag|pool:/);
    assert.ok(m.text.indexOf('notifications:') > m.text.indexOf('redis:'), 'key order kept');
    assert.ok(m.changes.length >= 7, JSON.stringify(m.changes));
    // The edits reproduce the text (what an editor applies).
    let rebuilt = OLD;
    for (const e of [...m.edits].reverse()) rebuilt = rebuilt.slice(0, e.range.start.offset) + e.newText + rebuilt.slice(e.range.end.offset);
    assert.equal(rebuilt, m.text);
  }
});

test('swift is flagged in place, not silently kept; a syntax error changes nothing', () => {
  const m = migrateConfig('version: 0.1\nstorage:\n  swift:\n    username: u\n', '3.1');
  assert.match(m.text, /# dockhand migrate: the swift driver does not exist in 3\.x/);
  const bad = migrateConfig('version: 0.1\nstorage: [\n', '3.1');
  assert.ok(bad.error);
  assert.equal(bad.text, 'version: 0.1\nstorage: [\n');
});
