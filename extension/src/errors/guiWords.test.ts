// Issue 15 item 12: messages the core writes for the command line reach the editor in its own
// words. Each input is produced by the real core function (keychain, policy, plan reasons);
// the wording must carry no flag, no command to type, no credential-source kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeKeychainFailure } from '@dockhand/shared/credentials';
import { validatePolicy, evaluatePolicy, type ApplyResult } from '@dockhand/shared/cleanup';
import { RegistryError } from '@dockhand/shared/registry';
import { wordFailure, editorWords } from './failureWording';
import { planForEditor, resultForEditor } from './planWording';

const CLI = /(^|[\s(])--?[a-z][\w-]*|`|\bdockhand \w|\bdocker login\b|\(explicit\)/;

test('gui words: a locked or missing keychain says what to do without a command to type', () => {
  for (const raw of ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'Cannot create an item in a locked collection']) {
    const err = describeKeychainFailure('store the password', new Error(raw));
    assert.match(err.message, /`|--/, 'the core message is the command line one');
    const w = wordFailure('Logging in to reg:5000', err);
    assert.doesNotMatch(w.message, CLI, w.message);
    assert.match(w.message, /^Logging in to reg:5000 failed\. OS keychain \(keytar\) is (not available|locked)/);
  }
  assert.match(editorWords(describeKeychainFailure('x', new Error('locked')).message), /unlock your keyring and try again/);
});

test('gui words: an empty clean-up policy and the plan reasons name the prompts, not --keep/--older-than/--sort', () => {
  let policyError: unknown;
  try {
    validatePolicy({});
  } catch (err) {
    policyError = err;
  }
  assert.ok(policyError instanceof Error && /--keep N/.test(policyError.message));
  const w = wordFailure('Cleaning up team/app', policyError);
  assert.doesNotMatch(w.message, CLI, w.message);
  assert.match(w.message, /keep the newest N, delete tags older than a duration/);

  const verdicts = evaluatePolicy(
    [
      { tag: 'nightly', digest: 'sha256:a', created: '2024-01-01T00:00:00Z' },
      { tag: '1.0.0', digest: 'sha256:b', created: '2024-01-01T00:00:00Z' },
      { tag: '1.1.0', digest: 'sha256:c' },
    ],
    { keepNewest: 0, sort: 'semver' },
  );
  const reasons = verdicts.map((v) => v.reason);
  assert.ok(reasons.some((r) => /--sort semver/.test(r)), reasons.join(' | '));
  const plan = planForEditor({ tags: verdicts.map((v) => ({ tag: v.tag, reason: v.reason, action: v.keep ? 'keep' : 'delete' })), notes: [] } as never);
  for (const t of plan.tags) assert.doesNotMatch(t.reason, CLI, t.reason);
  assert.ok(plan.tags.some((t) => t.reason === 'not a version (sorting by version)'), plan.tags.map((t) => t.reason).join(' | '));
});

test('gui words: step errors of an applied clean-up lose their command-line asides', () => {
  const r = resultForEditor({
    deleted: [],
    untagged: [],
    failed: [{ action: 'delete', target: 'sha256:x', error: 'deleting x failed: refused (pass --insecure). Run `dockhand logout` and log in again.' }],
    skipped: [],
    garbageCollectHint: '',
  } as unknown as ApplyResult);
  assert.doesNotMatch(r.failed[0]!.error, CLI, r.failed[0]!.error);
});

test('gui words: a registry fix with a command-line aside keeps its plain words; a platform fix points at the tree', () => {
  const conflict = new RegistryError({
    code: 'UNSUPPORTED',
    summary: 'reg:5000/a:sha256-x is not an index, so it cannot list referrers',
    fix: 'Remove or rename that tag (dockhand rm --untag reg:5000/a:sha256-x), then copy again.',
    host: 'reg:5000',
  });
  const w = wordFailure('Copying a:1', conflict);
  assert.match(w.message, /Remove or rename that tag, then copy again\.$/);
  assert.doesNotMatch(w.message, CLI);
  const encrypted = new RegistryError({
    code: 'UNSUPPORTED',
    summary: 'layer sha256:y is encrypted',
    fix: 'Decrypt the image first (skopeo copy --decryption-key); Dockhand cannot read encrypted layers.',
    host: 'reg:5000',
  });
  assert.match(wordFailure('Browsing a:1', encrypted).message, /Decrypt the image first; Dockhand cannot read encrypted layers\.$/);
  const platform = new RegistryError({
    code: 'MANIFEST_UNKNOWN',
    summary: 'a:1 has no image for linux/amd64',
    fix: 'Choose one of its platforms with --platform: linux/arm64, linux/s390x.',
    host: 'reg:5000',
  });
  const p = wordFailure('Browsing a:1', platform);
  assert.match(p.message, /Expand the tag in the Registries view and pick one of its platforms \(linux\/arm64, linux\/s390x\)\.$/);
  assert.equal(p.action, undefined, 'no Refresh button: refreshing would not help');
});
