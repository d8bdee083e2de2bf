// Cancelling long-running commands mid-way: a registry-to-registry copy of a multi-layer
// image and a "Retag and Push…" of a local image, each cancelled through the AbortSignal a
// programmatic caller passes (linked with the notification's Cancel token) on the first
// progress event. Afterwards no destination tag exists (raw fetch on the plain registry).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand, registryNode, tagNode, plainTags, plainDigest, plainRegistry } from './api';
import type { LocalNode } from '../../engine/localImagesProvider';

test('commands: cancelling a copy of a multi-layer image between registries mid-way rejects as cancelled and leaves no destination tag', async () => {
  const { tls, plain } = bedConfig();
  const api = await dockhand();
  await plainRegistry();
  const src = tagNode(await registryNode(api, tls.host), 'team/app', '1.0.0');
  const inspected = await api.services.registry.inspect(src.target, src.repo, src.tag);
  const layers = inspected.platforms.flatMap((p) => p.layers);
  assert.ok(layers.length >= 2, `team/app:1.0.0 has ${layers.length} layer(s); the bed seeds two`);

  const controller = new AbortController();
  const phases: string[] = [];
  const copying = vscode.commands.executeCommand('dockhand.copyImage', src, {
    registry: plain.host,
    repoTag: 'cancelled/copy:1.0',
    signal: controller.signal,
    onProgress: (e: { phase: string }) => {
      phases.push(e.phase);
      controller.abort();
    },
  });
  await assert.rejects(Promise.resolve(copying), (err: Error) => {
    assert.match(err.message, /cancelled/);
    assert.match(err.message, /ABORTED/);
    return true;
  });
  assert.ok(phases.length >= 1, 'the copy reported progress before it was cancelled');
  assert.ok(!phases.includes('manifest'), `the manifest was put before the cancel took effect: ${phases.join(', ')}`);
  assert.deepEqual(await plainTags(plain.url, 'cancelled/copy'), []);
  assert.equal(await plainDigest(plain.url, 'cancelled/copy', '1.0'), undefined);
});

test('commands: cancelling "Retag and Push…" of a local image mid-way rejects as cancelled, pushes no tag and removes the temporary local tag', async () => {
  const { plain, seeded } = bedConfig();
  const api = await dockhand();
  await plainRegistry();
  const local = (await api.localImages.getChildren()).find(
    (n): n is Extract<LocalNode, { kind: 'localImage' }> => n.kind === 'localImage' && n.ref === seeded.localImage,
  );
  assert.ok(local, "the bed's local image is in the Local Images view");

  const controller = new AbortController();
  const kinds: string[] = [];
  const pushing = vscode.commands.executeCommand('dockhand.retagAndPush', local, {
    registry: plain.host,
    repoTag: 'cancelled/local:1.0',
    signal: controller.signal,
    onProgress: (e: { kind: string }) => {
      kinds.push(e.kind);
      controller.abort();
    },
  });
  await assert.rejects(Promise.resolve(pushing), (err: Error) => {
    assert.match(err.message, /cancel/i);
    return true;
  });
  assert.ok(kinds.length >= 1, 'the push reported progress before it was cancelled');
  assert.deepEqual(await plainTags(plain.url, 'cancelled/local'), []);
  assert.equal(await plainDigest(plain.url, 'cancelled/local', '1.0'), undefined);
  const images = await (await api.services.engine()).listImages();
  const tags = images.flatMap((i) => i.repoTags);
  assert.ok(!tags.includes(`${plain.host}/cancelled/local:1.0`), `the temporary tag is left: ${tags.join(', ')}`);
  assert.ok(tags.includes(seeded.localImage), tags.join(', '));
});
