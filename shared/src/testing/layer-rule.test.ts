import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkLayers, mayImport, type ImportEdge } from './layer-rule';
import { frontDoors, scanImports } from './scan-imports';

const DOORS = ['reference', 'credentials', 'transport', 'registry', 'ops', 'engine', 'cleanup', 'config', 'config/node'];

test('the layer order: lower tiers only, ops and engine not each other, config beside', () => {
  assert.equal(mayImport('registry', 'transport'), true);
  assert.equal(mayImport('ops', 'registry'), true);
  assert.equal(mayImport('cli', 'config'), true);
  assert.equal(mayImport('transport', 'registry'), false);
  assert.equal(mayImport('reference', 'credentials'), false);
  assert.equal(mayImport('ops', 'engine'), false);
  assert.equal(mayImport('engine', 'ops'), false);
  assert.equal(mayImport('registry', 'cleanup'), false);
  assert.equal(mayImport('config', 'registry'), false);
  assert.equal(mayImport('registry', 'config'), false);
  assert.equal(mayImport('unknown', 'reference'), false);
});

test('a bad import graph fails the rule, one line per wrong import', () => {
  const bad: ImportEdge[] = [
    { from: 'shared/src/registry/client.ts', specifier: '../ops/inspect' }, // upward
    { from: 'shared/src/transport/transport.ts', specifier: '../registry/client' }, // upward
    { from: 'shared/src/ops/copy.ts', specifier: '../engine/types' }, // sideways
    { from: 'shared/src/config/lint.ts', specifier: '../registry/manifest' }, // config is beside
    { from: 'shared/src/credentials/store.ts', specifier: 'vscode' }, // a front end's world
    { from: 'shared/src/widgets/thing.ts', specifier: '../reference/reference' }, // a module with no place
    { from: 'extension/src/tree/nodes.ts', specifier: '@dockhand/shared/registry/client' }, // past the front door
    { from: 'desktop/main/handlers/tags.ts', specifier: '../../../shared/src/ops/inspect' }, // relative into shared/
    { from: 'desktop/main/x.ts', specifier: '@dockhand/shared/nothing' }, // no such door
  ];
  const found = checkLayers(bad, DOORS);
  assert.equal(found.length, bad.length, found.join('\n'));
  for (const [i, edge] of bad.entries()) assert.ok(found[i]!.startsWith(`${edge.from}:`), found[i]);
  assert.match(found[0]!, /"registry" must not import "ops"/);
  assert.match(found[6]!, /import its front door/);
});

test('a good import graph passes', () => {
  const good: ImportEdge[] = [
    { from: 'shared/src/ops/inspect.ts', specifier: '../registry/client' },
    { from: 'shared/src/registry/client.ts', specifier: './wire' },
    { from: 'shared/src/cli/commands/lint.ts', specifier: '../../config/index' },
    { from: 'shared/src/registry/hostile-registry.test.ts', specifier: '../ops/inspect' }, // tests may set cases up
    { from: 'shared/src/registry/client.ts', specifier: 'node:stream' },
    { from: 'extension/src/registry/sharedRegistry.ts', specifier: '@dockhand/shared/ops' },
    { from: 'desktop/main/lint.ts', specifier: '@dockhand/shared/config/node' },
    { from: 'desktop/main/x.ts', specifier: './y' },
  ];
  assert.deepEqual(checkLayers(good, DOORS), []);
});

test('the repository keeps the layer order, and the front ends use only front doors', () => {
  const root = join(__dirname, '../../..');
  const edges = scanImports(root);
  // The scan itself works: it sees the front ends' imports of shared and shared's own.
  assert.ok(
    edges.some((e) => e.from.startsWith('extension/') && e.specifier.startsWith('@dockhand/shared/')),
    'no extension import of shared found',
  );
  assert.ok(
    edges.some((e) => e.from.startsWith('desktop/') && e.specifier.startsWith('@dockhand/shared/')),
    'no desktop import of shared found',
  );
  assert.ok(edges.some((e) => e.from === 'shared/src/registry/client.ts' && e.specifier === '../transport/transport'));
  assert.deepEqual(checkLayers(edges, frontDoors(root)), []);
});
