// Port names this machine's /etc/services defines (Go's net package reads the same file to
// resolve `:name` listen addresses), for LintOptions.portNames. Node only; capped read.
import { closeSync, openSync, readSync } from 'node:fs';

let cached: string[] | undefined;

export function localPortNames(file = '/etc/services'): string[] {
  if (cached && file === '/etc/services') return cached;
  const names = new Set<string>();
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(1024 * 1024);
      const n = readSync(fd, buf, 0, buf.length, 0);
      for (const line of buf.subarray(0, n).toString('utf8').split('\n')) {
        const fields = line.replace(/#.*/, '').trim().split(/\s+/);
        if (fields.length < 2 || !/^\d+\/tcp$/.test(fields[1])) continue;
        for (const name of [fields[0], ...fields.slice(2)]) names.add(name.toLowerCase());
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    // No /etc/services: only Go's built-in names resolve.
  }
  const list = [...names];
  if (file === '/etc/services') cached = list;
  return list;
}
