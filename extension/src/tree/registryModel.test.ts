import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Discovery, Inspection, RegistryApi, RegistryTarget } from '../registry/registryApi';
import { RegistryModel, referenceKey, scopeKey } from './registryModel';

/** A registry that only counts what it is asked (the model's caching is under test, not the wire). */
function countingRegistry() {
  const calls: string[] = [];
  const registry = {
    inspect: async (t: RegistryTarget, repo: string, reference: string) => {
      calls.push(`inspect ${t.host}/${repo}:${reference}`);
      return { digest: `sha256:${repo}-${reference}`, isIndex: false, mediaType: 'x', platforms: [] } as unknown as Inspection;
    },
    attachments: async (t: RegistryTarget, repo: string, digest: string) => {
      calls.push(`attachments ${t.host}/${repo}@${digest}`);
      return [] as Discovery[];
    },
  } as Partial<RegistryApi> as RegistryApi;
  return { registry, calls };
}

const reg: RegistryTarget = { url: 'https://127.0.0.1:5000', host: '127.0.0.1:5000' };
const reg2: RegistryTarget = { url: 'https://127.0.0.1:50001', host: '127.0.0.1:50001' };

test('RegistryModel (fake registry): forgetting repository "app" keeps "app2" (and other registries) cached', async () => {
  const { registry, calls } = countingRegistry();
  const model = new RegistryModel(registry);
  const warm = async () => {
    for (const [t, repo] of [
      [reg, 'app'],
      [reg, 'app2'],
      [reg2, 'app'],
    ] as const) {
      await model.inspect(t, repo, '1.0');
      await model.attachmentsOf(t, repo, 'sha256:abc');
      await model.dates.load(model.dateScope(t, repo), ['1.0'], async () => '2024-01-01T00:00:00Z');
    }
  };
  await warm();
  assert.equal(calls.length, 6);
  calls.length = 0;

  model.forget(reg, 'app');
  await warm();
  assert.deepEqual(calls, ['inspect 127.0.0.1:5000/app:1.0', 'attachments 127.0.0.1:5000/app@sha256:abc'], 'only app of the first registry is asked again');
  assert.deepEqual(model.dates.missing(model.dateScope(reg, 'app2'), ['1.0']), [], "app2's date stays cached");
  calls.length = 0;

  // A registry whose URL is a prefix of another's (":5000" and ":50001") is forgotten alone.
  model.forget(reg);
  await warm();
  assert.deepEqual(calls.sort(), [
    'attachments 127.0.0.1:5000/app2@sha256:abc',
    'attachments 127.0.0.1:5000/app@sha256:abc',
    'inspect 127.0.0.1:5000/app2:1.0',
    'inspect 127.0.0.1:5000/app:1.0',
  ]);
});

test('RegistryModel (fake registry): a failed inspection is not cached; forget() with no target drops everything', async () => {
  let fail = true;
  let asked = 0;
  const registry = {
    inspect: async () => {
      asked++;
      if (fail) throw new Error('manifest unknown');
      return { digest: 'sha256:ok' } as unknown as Inspection;
    },
  } as Partial<RegistryApi> as RegistryApi;
  const model = new RegistryModel(registry);
  await assert.rejects(model.inspect(reg, 'app', '1.0'), /manifest unknown/);
  fail = false;
  assert.equal((await model.inspect(reg, 'app', '1.0')).digest, 'sha256:ok');
  await model.inspect(reg, 'app', '1.0');
  assert.equal(asked, 2);
  model.forget();
  await model.inspect(reg, 'app', '1.0');
  assert.equal(asked, 3);
});

test('cache keys end every part with "|", so no scope is a prefix of another', () => {
  assert.equal(scopeKey(reg), 'https://127.0.0.1:5000|');
  assert.equal(scopeKey(reg, 'app'), 'https://127.0.0.1:5000|app|');
  assert.ok(!referenceKey(reg, 'app2', '1.0').startsWith(scopeKey(reg, 'app')));
  assert.ok(referenceKey(reg, 'app', '1.0').startsWith(scopeKey(reg, 'app')));
});
