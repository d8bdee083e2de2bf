import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { secretStorageBackend } from './secretStorageBackend';

/** An in-memory stand-in for VS Code's SecretStorage (no editor in unit tests). */
function fakeSecretStorage(): vscode.SecretStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k: string) => data.get(k),
    store: async (k: string, v: string) => void data.set(k, v),
    delete: async (k: string) => void data.delete(k),
    keys: async () => [...data.keys()],
    onDidChange: (() => ({ dispose() {} })) as unknown as vscode.Event<vscode.SecretStorageChangeEvent>,
  } as vscode.SecretStorage & { data: Map<string, string> };
}

test('secretStorageBackend (fake SecretStorage) round-trips, finds and deletes entries per service', async () => {
  const secrets = fakeSecretStorage();
  const b = secretStorageBackend(secrets);
  assert.equal(b.name, 'VS Code SecretStorage');
  await b.set('svc', 'r1.example:5000', 'one');
  await b.set('svc', 'r2.example', 'two');
  await b.set('other', 'r1.example:5000', 'elsewhere');
  assert.equal(await b.get('svc', 'r1.example:5000'), 'one');
  assert.equal(await b.get('svc', 'missing'), undefined);
  assert.deepEqual(
    (await b.find('svc')).sort((a, c) => a.account.localeCompare(c.account)),
    [
      { account: 'r1.example:5000', secret: 'one' },
      { account: 'r2.example', secret: 'two' },
    ],
  );
  assert.equal(await b.delete('svc', 'r1.example:5000'), true);
  assert.equal(await b.delete('svc', 'r1.example:5000'), false);
  assert.deepEqual(
    (await b.find('svc')).map((e) => e.account),
    ['r2.example'],
  );
  assert.equal(await b.get('other', 'r1.example:5000'), 'elsewhere');
  // The account index holds names only, never secrets.
  const index = [...secrets.data.entries()].find(([k]) => k.endsWith('__accounts__') && k.startsWith('svc'));
  assert.ok(index && !index[1].includes('two'));
});
