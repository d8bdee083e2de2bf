// Writes shared/schemas/registry-config-{2.8,3}.schema.json from the config model.
// Run: node --import tsx shared/src/config/schema/write-schema-files.ts
// (a test fails when the committed files differ from what this would write).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { registrySchema } from './json-schema';

export const schemaFiles = { '2.8': 'registry-config-2.8.schema.json', '3': 'registry-config-3.schema.json' } as const;

export function schemaText(version: '2.8' | '3'): string {
  return JSON.stringify(registrySchema(version), null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../schemas');
  for (const v of ['2.8', '3'] as const) writeFileSync(join(dir, schemaFiles[v]), schemaText(v));
}
