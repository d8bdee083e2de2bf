// "Verify Signature…" on a tag (issue 15): the file the user picks decides what is trusted, and
// every kind of signature the core verifies is checked: with the public key the cosign
// signature and the sigstore bundle, with the CA certificate the Notation JWS signature; a
// wrong key verifies nothing; a file that is none of these is refused in words.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { tagNode, plainRegistry } from './api';
import type { VerifyResult } from '../../registry/registryApi';

const verdicts = (r: VerifyResult) => r.checks.map((c) => `${c.format ?? 'cosign simple-signing'}=${c.signatureValid && c.digestMatches}`).sort();

test('commands: Verify Signature… checks cosign and sigstore bundles with a key and Notation with a certificate; a wrong key verifies nothing', async () => {
  const { seeded, workspace } = bedConfig();
  const reg = await plainRegistry();
  const node = tagNode(reg, seeded.supply.repo, seeded.supply.tag);
  const verify = (file: string) => vscode.commands.executeCommand<VerifyResult | undefined>('dockhand.verifySignature', node, file);

  const withKey = await verify(seeded.supply.keyFile);
  assert.ok(withKey, 'a result');
  assert.equal(withKey.verified, true);
  assert.deepEqual(verdicts(withKey), ['cosign simple-signing=true', 'notation=false', 'sigstore bundle=true']);

  const withCa = await verify(seeded.supply.caFile);
  assert.equal(withCa?.verified, true);
  assert.deepEqual(verdicts(withCa!), ['cosign simple-signing=false', 'notation=true', 'sigstore bundle=false']);
  assert.ok(withCa!.checks.some((c) => c.format === 'notation' && /signer\.test/.test(c.signer ?? '')), JSON.stringify(withCa!.checks));

  const wrong = await verify(seeded.supply.wrongKeyFile);
  assert.equal(wrong?.verified, false);

  const junk = join(workspace, 'not-a-key.txt');
  writeFileSync(junk, 'hello\n');
  // A file that is not trust material: the error names the file and what to pick (the command
  // shows it and returns nothing).
  assert.equal(await verify(junk), undefined);
});
