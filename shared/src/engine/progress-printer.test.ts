import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressPrinter, formatLayer } from './progress-printer';

function sink(isTTY: boolean) {
  let text = '';
  return {
    out: {
      isTTY,
      columns: 100,
      write: (s: string) => {
        text += s;
        return true;
      },
    },
    text: () => text,
  };
}

test('plain output: one line per state change, no redraw codes', () => {
  const s = sink(false);
  const p = new ProgressPrinter(s.out);
  p.handle({ kind: 'status', message: 'The push refers to repository [r/x]' });
  p.handle({ kind: 'layer', id: 'l1', state: 'preparing' });
  p.handle({ kind: 'layer', id: 'l1', state: 'pushing', current: 1, total: 1000 });
  p.handle({ kind: 'layer', id: 'l1', state: 'pushing', current: 500, total: 1000 });
  p.handle({ kind: 'layer', id: 'l1', state: 'pushed' });
  p.handle({ kind: 'digest', digest: 'sha256:1', size: 3 });
  assert.equal(s.text().includes('\u001b'), false);
  assert.deepEqual(s.text().trim().split('\n'), [
    'The push refers to repository [r/x]',
    'l1: Preparing',
    'l1: Pushing (1000 B)',
    'l1: Pushed',
    'digest: sha256:1 size: 3',
  ]);
});

test('TTY output redraws the layer lines in place', () => {
  const s = sink(true);
  const p = new ProgressPrinter(s.out);
  p.handle({ kind: 'layer', id: 'l1', state: 'pushing', current: 10, total: 100 });
  p.handle({ kind: 'layer', id: 'l2', state: 'waiting' });
  p.handle({ kind: 'layer', id: 'l1', state: 'pushing', current: 50, total: 100 });
  assert.ok(s.text().includes('\u001b[2A\u001b[J'), 'cursor up two lines and clear');
  assert.match(s.text(), /l1: Pushing \[.*\] 50 B\/100 B\nl2: Waiting\n$/);
});

test('formatLayer shows bytes and a bar, cut to the width', () => {
  assert.match(formatLayer({ kind: 'layer', id: 'abc', state: 'pushing', current: 2_500_000, total: 5_000_000 }), /abc: Pushing \[=+>\s+\] 2\.4 MiB\/4\.8 MiB/);
  assert.ok(formatLayer({ kind: 'layer', id: 'abc', state: 'pushing', current: 1, total: 2 }, 20).length <= 20);
});

test('TTY output prints the digest below the final layer lines', () => {
  const s = sink(true);
  const p = new ProgressPrinter(s.out);
  p.handle({ kind: 'layer', id: 'l1', state: 'pushed' });
  p.handle({ kind: 'digest', digest: 'sha256:9', size: 1 });
  assert.ok(s.text().endsWith('l1: Pushed\ndigest: sha256:9 size: 1\n'), JSON.stringify(s.text()));
});
