// Entry point of the in-host tests (VS Code's extensionTestsPath): imports every suite,
// runs them, and rejects when one failed so the host exits with a non-zero code.
import { runAll } from './harness';
import { inHostConfig } from './bedConfig';
import './smoke.test';
import './tree.test';
import './tagDates.test';
import './commands.test';
import './deleteOrphans.test';
import './multiDelete.test';
import './verify.test';
import './cancel.test';
import './lint.test';
import './cleanup.test';
import './walkthrough.test';
import './imageFiles.test';
import './trust.test';
import './addRegistryMtls.test';

export async function run(): Promise<void> {
  const cfg = inHostConfig();
  const results = await runAll(cfg.filter ? new RegExp(cfg.filter) : undefined);
  const failed = results.filter((r) => !r.ok);
  if (!results.length) throw new Error('no in-host tests ran');
  if (failed.length) throw new Error(`${failed.length} of ${results.length} in-host tests failed: ${failed.map((f) => f.name).join(', ')}`);
}
