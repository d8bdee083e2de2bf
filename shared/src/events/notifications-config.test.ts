import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from '../config';
import { load } from 'js-yaml';
import { NOTIFICATION_TARGETS, notificationsBlock } from './notifications-config';

const base = (target: string) => `# dockhand-target: ${target}
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: 127.0.0.1:5000
  secret: a-long-enough-http-secret-for-tests
`;

for (const target of NOTIFICATION_TARGETS) {
  for (const noPulls of [false, true]) {
    test(`the generated notifications block is lint-clean for registry ${target}${noPulls ? ' without pulls' : ''}`, () => {
      const block = notificationsBlock({ url: 'http://127.0.0.1:5055/events', token: 'tok_0123456789abcdefXYZ', target, noPulls });
      const text = base(target) + block;
      const r = lintConfig(text, { target: target === '3.0' ? '3.0' : target === '3.1' ? '3.1' : '2.8' });
      assert.deepEqual(
        r.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`),
        [],
      );
      const parsed = load(text) as { notifications: { endpoints: { url: string; headers: Record<string, string[]>; ignore?: { actions?: string[] } }[] } };
      const ep = parsed.notifications.endpoints[0]!;
      assert.equal(ep.url, 'http://127.0.0.1:5055/events');
      assert.deepEqual(ep.headers.Authorization, ['Bearer tok_0123456789abcdefXYZ']);
      assert.deepEqual(ep.ignore?.actions ?? [], noPulls ? ['pull'] : []);
    });
  }
}

test('notificationsBlock refuses a bad url or token', () => {
  assert.throws(() => notificationsBlock({ url: 'nope', token: 'tok_0123456789abcdef' }), /not a URL/);
  assert.throws(() => notificationsBlock({ url: 'ftp://x/events', token: 'tok_0123456789abcdef' }), /http/);
  assert.throws(() => notificationsBlock({ url: 'http://x/events', token: 'has space' }), /printable/);
});
