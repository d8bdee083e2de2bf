import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePlain, resolveScalar, isGoDuration, parseGoInt } from './yaml11';

test('YAML 1.1 booleans, nulls and numbers as gopkg.in/yaml.v2 resolves them', () => {
  for (const s of ['y', 'Y', 'yes', 'Yes', 'on', 'ON', 'true', 'True']) assert.deepEqual(resolvePlain(s), { tag: 'bool', value: true }, s);
  for (const s of ['n', 'no', 'NO', 'off', 'Off', 'false']) assert.deepEqual(resolvePlain(s), { tag: 'bool', value: false }, s);
  for (const s of ['', '~', 'null', 'NULL']) assert.equal(resolvePlain(s).tag, 'null', s);
  assert.deepEqual(resolvePlain('0123'), { tag: 'int', value: 83 }, 'leading 0 is octal');
  assert.deepEqual(resolvePlain('0x1F'), { tag: 'int', value: 31 });
  assert.deepEqual(resolvePlain('0b101'), { tag: 'int', value: 5 });
  assert.deepEqual(resolvePlain('1_000'), { tag: 'int', value: 1000 });
  assert.deepEqual(resolvePlain('08'), { tag: 'float', value: 8 }, 'invalid octal falls back to a float');
  assert.deepEqual(resolvePlain('1e3'), { tag: 'float', value: 1000 });
  assert.equal(resolvePlain('.inf').tag, 'float');
  assert.equal(resolvePlain('2001-12-14').tag, 'timestamp');
  assert.equal(resolvePlain('2001-13-14').tag, 'str');
  for (const s of ['yess', 'On1', '10s', '0.1.2', 'abc', '+', '-']) assert.equal(resolvePlain(s).tag, 'str', s);
  assert.equal(resolvePlain('0.1').tag, 'float');
});

test('quoted and block scalars are strings; explicit !!str tags too', () => {
  assert.deepEqual(resolveScalar({ kind: 'scalar', value: 'true', style: 3, start: 0, end: 0 }), { tag: 'str', value: 'true' });
  assert.deepEqual(resolveScalar({ kind: 'scalar', value: 'yes', style: 4, start: 0, end: 0 }), { tag: 'str', value: 'yes' });
  assert.deepEqual(resolveScalar({ kind: 'scalar', value: '1', style: 1, tag: '!!str', start: 0, end: 0 }), { tag: 'str', value: '1' });
  assert.deepEqual(resolveScalar({ kind: 'scalar', value: 'yes', style: 1, start: 0, end: 0 }), { tag: 'bool', value: true });
});

test('Go durations and integers', () => {
  for (const s of ['1s', '1.5h', '2h45m', '300ms', '10us', '10µs', '0', '-1m']) assert.ok(isGoDuration(s), s);
  for (const s of ['', '10', '10 s', '1d', 's', '1.s.']) assert.ok(!isGoDuration(s), s);
  assert.equal(parseGoInt('017'), 15n);
  assert.equal(parseGoInt('0o17'), 15n);
  assert.equal(parseGoInt('-0x10'), -16n);
  assert.equal(parseGoInt('09'), undefined);
  assert.equal(parseGoInt('1.5'), undefined);
});
