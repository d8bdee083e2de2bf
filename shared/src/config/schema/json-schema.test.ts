import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import Ajv2020 from 'ajv/dist/2020';
import { registrySchema, schemaAt, type JsonSchema } from './json-schema';
import { schemaFiles, schemaText } from './write-schema-files';

const dir = join(import.meta.dirname, '../../../schemas');

function walk(s: JsonSchema, path: string, out: string[]): void {
  for (const [k, v] of Object.entries((s.properties as Record<string, JsonSchema>) ?? {})) {
    if (typeof v.description !== 'string' || !v.description) out.push(`${path}.${k}`);
    walk(v, `${path}.${k}`, out);
  }
  if (s.items && typeof s.items === 'object') walk(s.items as JsonSchema, `${path}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties as JsonSchema, `${path}.*`, out);
  for (const alt of (s.oneOf as JsonSchema[]) ?? []) walk(alt, path, out);
}

for (const v of ['2.8', '3'] as const) {
  test(`the ${v} schema file is valid draft 2020-12, in sync with the model, and documents every property`, () => {
    const file = JSON.parse(readFileSync(join(dir, schemaFiles[v]), 'utf8'));
    assert.equal(readFileSync(join(dir, schemaFiles[v]), 'utf8'), schemaText(v), 'run: node --import tsx shared/src/config/schema/write-schema-files.ts');
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
    const validate = ajv.compile(file);
    const missing: string[] = [];
    walk(file, '', missing);
    assert.deepEqual(missing, []);
    const good = load(
      'version: 0.1\nlog:\n  level: debug\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\n  delete:\n    enabled: true\nhttp:\n  addr: :5000\n  secret: s\n  headers:\n    X-Content-Type-Options: [nosniff]\n',
    );
    assert.equal(validate(good), true, JSON.stringify(validate.errors));
    const twoDrivers = load('version: 0.1\nstorage:\n  filesystem: {}\n  inmemory: {}\n');
    assert.equal(validate(twoDrivers), false, 'two drivers are rejected');
    const scalarHeader = load('version: 0.1\nstorage: inmemory\nhttp:\n  headers:\n    X-Frame-Options: DENY\n');
    assert.equal(validate(scalarHeader), false, 'header values must be lists');
    const typo = load('version: 0.1\nstorage: inmemory\nhttp:\n  adr: :5000\n');
    assert.equal(validate(typo), false, 'unknown keys are flagged');
  });
}

test('version differences: swift and reporting only in 2.8, redis.addrs and storage.tag only in 3', () => {
  assert.ok(schemaAt(registrySchema('2.8'), ['storage', 'swift']));
  assert.equal(schemaAt(registrySchema('3'), ['storage', 'swift']), undefined);
  assert.ok(schemaAt(registrySchema('2.8'), ['reporting']));
  assert.equal(schemaAt(registrySchema('3'), ['reporting']), undefined);
  assert.ok(schemaAt(registrySchema('3'), ['redis', 'addrs']));
  assert.equal(schemaAt(registrySchema('2.8'), ['redis', 'addrs']), undefined);
  assert.deepEqual(schemaAt(registrySchema('3'), ['log', 'level'])?.enum, ['error', 'warn', 'info', 'debug']);
  assert.equal(schemaAt(registrySchema('2.8'), ['storage', 'filesystem', 'rootdirectory'])?.default, '/var/lib/registry');
});
