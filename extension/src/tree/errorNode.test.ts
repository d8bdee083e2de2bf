import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from '@dockhand/shared/registry';
import { errorNode } from './errorNode';

const target = { url: 'https://r.example:5000', host: 'r.example:5000' };
const err = (code: ConstructorParameters<typeof RegistryError>[0]['code']) =>
  new RegistryError({
    code,
    summary: 'listing repositories failed',
    fix: 'Do the thing.',
    host: target.host,
    status: code === 'UNAUTHORIZED' ? 401 : undefined,
  });

test('errorNode maps registry error codes to the action that fixes them', () => {
  assert.equal(errorNode('x', err('UNAUTHORIZED'), target).fix?.command, 'dockhand.login');
  assert.equal(errorNode('x', err('DENIED'), target).fix?.command, 'dockhand.login');
  assert.equal(errorNode('x', err('TLS'), target).fix?.command, 'dockhand.editRegistry');
  assert.equal(errorNode('x', err('NO_CATALOG'), target).fix?.command, 'dockhand.openRepository');
  assert.equal(errorNode('x', err('UNREACHABLE'), target).fix?.command, 'dockhand.refresh');
  assert.equal(errorNode('x', new Error('boom'), target).fix?.command, 'dockhand.refresh');
  assert.equal(errorNode('x', new Error('boom')).fix, undefined);
  const n = errorNode('Could not list', err('UNAUTHORIZED'), target);
  assert.equal(n.message, 'Listing repositories failed. Log in to r.example:5000 with a username and password the registry accepts.');
  const tls = errorNode(
    'x',
    new RegistryError({
      code: 'TLS',
      summary: "cannot verify r.example:5000's TLS certificate",
      fix: 'Put it in ca.crt (or pass --ca FILE).',
      host: target.host,
    }),
    target,
  );
  assert.doesNotMatch(tls.message, /--ca/);
  assert.deepEqual(n.fix?.args, [{ kind: 'registry', target }]);
});

test('errorNode never shows a secret from an error message', () => {
  const n = errorNode('x', new Error('GET https://bob:hunter2secret@r.example/v2/ failed; Authorization: Basic Ym9iOmh1bnRlcjI='));
  assert.ok(!n.message.includes('hunter2secret'));
  assert.ok(!n.message.includes('Ym9iOmh1bnRlcjI='));
});
