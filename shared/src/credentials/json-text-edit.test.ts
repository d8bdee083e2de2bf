import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormatting, editJsonText } from './json-text-edit';

const edit = (text: string, mutate: (j: Record<string, unknown>) => void) => {
  const before = JSON.parse(text);
  const after = JSON.parse(text);
  mutate(after);
  const out = editJsonText(text, before, after);
  assert.deepEqual(JSON.parse(out), after, 'the result parses to the changed value');
  return out;
};

test('removing one auths entry changes only its lines (4-space indent, key order, other entries kept)', () => {
  const text =
    '{\n    "auths": {\n        "a.example": {\n            "auth": "eDp5"\n        },\n        "b.example": {"auth": "eDp6"}\n    },\n    "credsStore": "pass",\n    "HttpHeaders": { "User-Agent": "me" }\n}\n';
  const out = edit(text, (j) => {
    delete (j.auths as Record<string, unknown>)['a.example'];
  });
  assert.equal(
    out,
    '{\n    "auths": {\n        "b.example": {"auth": "eDp6"}\n    },\n    "credsStore": "pass",\n    "HttpHeaders": { "User-Agent": "me" }\n}\n',
  );
});

test("adding an entry uses the file's own indentation (tabs) and keeps CRLF line endings", () => {
  const text = '{\r\n\t"auths": {\r\n\t\t"a.example": {}\r\n\t}\r\n}\r\n';
  const out = edit(text, (j) => {
    (j.auths as Record<string, unknown>)['b.example'] = {};
  });
  assert.ok(out.includes('\r\n\t\t"b.example": {}'), JSON.stringify(out));
  assert.ok(!/[^\r]\n/.test(out), 'no bare LF added');
});

test('nothing changed: the text comes back byte for byte', () => {
  const text = '{ "auths" : { } ,\n  "x": [1,2] }';
  assert.equal(
    edit(text, () => {}),
    text,
  );
});

test("an empty file gets docker's tab-indented JSON", () => {
  assert.equal(editJsonText('', {}, { auths: {} }), '{\n\t"auths": {}\n}\n');
});

test('detectFormatting: spaces, tabs, default', () => {
  assert.deepEqual(detectFormatting('{\n  "a": 1\n}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
  assert.deepEqual(detectFormatting('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 1, eol: '\n' });
  assert.deepEqual(detectFormatting('{"a":1}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
});

test('removing the last member takes the comma before it; the only member leaves an empty object', () => {
  const text = '{\n  "auths": {\n    "a": {},\n    "b": {}\n  }\n}\n';
  assert.equal(
    edit(text, (j) => {
      delete (j.auths as Record<string, unknown>).b;
    }),
    '{\n  "auths": {\n    "a": {}\n  }\n}\n',
  );
  const only = '{\n  "auths": {\n    "a": {}\n  },\n  "x": 1\n}\n';
  edit(only, (j) => {
    delete (j.auths as Record<string, unknown>).a;
  });
});
