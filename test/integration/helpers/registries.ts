// Bed registries for one test file: every registry started through the returned function
// is stopped in that file's after(), even when a test fails.
import { after } from 'node:test';
import { startRegistry, type RegistryHandle, type RegistryOptions } from '../../bed/index';

/** Call at the top level of a test file (it registers an after() hook). */
export function registriesStoppedAfter(): (opts?: RegistryOptions) => Promise<RegistryHandle> {
  const started: RegistryHandle[] = [];
  after(async () => {
    await Promise.all(started.map((r) => r.stop()));
  });
  return async (opts = {}) => {
    const r = await startRegistry(opts);
    started.push(r);
    return r;
  };
}
