// Every argument of every channel is checked at the dispatcher (channel-args.ts), for
// Electron's IPC and the served-mode API alike. The handlers here are fakes that record
// what reaches them (named so): the point is what never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { CHANNELS, type DockhandApi } from '../common';
import { createDispatcher } from './dispatcher';
import { BadInputError } from './bad-input';
import { checkChannelArgs } from './channel-args';
import { startServedMode } from '../server/http-server';

function recordingApi(calls: Array<[string, unknown[]]>): DockhandApi {
  const api: Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split(':') as [string, string];
    (api[ns] ??= {})[method] = async (...args: unknown[]) => {
      calls.push([channel, args]);
      return null;
    };
  }
  return api as unknown as DockhandApi;
}

const ID = '3f2a9c1e-0b7d-4c55-9a1e-2f4b6d8e0a11';
const DIGEST = 'sha256:' + 'c'.repeat(64);

test('bad repository, reference, id and object arguments never reach a handler (fake handlers)', async () => {
  const calls: Array<[string, unknown[]]> = [];
  const dispatch = createDispatcher(recordingApi(calls));
  const refused: Array<[string, unknown[], RegExp]> = [
    ['tags:list', [ID, '../../internal/admin?x='], /repository/],
    ['tags:list', [ID, 'team/app?n=1'], /repository/],
    ['tags:list', ['../other', 'team/app'], /registryId/],
    ['tags:list', ['discovered:evil.example/../x', 'team/app'], /registryId/],
    ['images:detail', [ID, 'team/app', '../../../v2/_catalog'], /reference/],
    ['images:detail', [ID, 'team/app', 'sha256:not-a-digest'], /reference/],
    ['images:delete', [ID, 'team/app', '1.0', 'everything'], /mode/],
    ['images:planDelete', [ID, 'team/app', { toString: () => 'x' }], /tag/],
    [
      'images:copy',
      [{ source: { registryId: ID, repository: 'team/app', reference: '1.0' }, target: { registryId: ID, repository: 'x/../../admin', tag: '1' } }],
      /input\.target\.repository/,
    ],
    [
      'images:copy',
      [{ source: { registryId: ID, repository: 'team/app', reference: '1.0' }, target: { registryId: ID, repository: 'b', tag: '1' }, extra: 1 }],
      /input\.extra: unknown field/,
    ],
    ['engine:retagAndPush', [{ localRef: 'app:dev', registryId: ID, repository: 'team/app', tag: '1.0/../x' }], /input\.tag/],
    ['cleanup:analyze', [ID, 'team/app#frag'], /repository/],
    ['jobs:poll', [ID, 0, 10 ** 9], /waitMs/],
    ['config:lint', ['version: 0.1', '4'], /version/],
    ['config:open', [42], /path/],
    ['registries:add', [{ url: 'https://r.example', password: 123 }], /input\.password/],
    ['repositories:list', [ID, 'extra argument'], /takes 1 argument/],
    ['repositories:page', [ID, '../../etc'], /cursor/],
    ['repositories:stopPaging', [{}], /cursor/],
    ['attachments:verify', [ID, 'team/app', DIGEST, { publicKey: 'x', script: 'y' }], /trust\.script: unknown field/],
    ['attachments:verify', [ID, 'team/app', DIGEST, { trustedRoot: 'x'.repeat(1024 * 1024 + 1) }], /trust\.trustedRoot/],
    ['attachments:deleteImageWith', [ID, 'team/app', '1.0', 'latest'], /digest/],
  ];
  for (const [channel, args, why] of refused) {
    const env = await dispatch(channel, args);
    assert.equal(env.error?.name, 'BadInputError', `${channel} ${JSON.stringify(args)} was not refused: ${JSON.stringify(env)}`);
    assert.match(env.error!.message, why);
  }
  assert.deepEqual(calls, [], 'no handler ran');

  const ok: Array<[string, unknown[]]> = [
    ['tags:list', [ID, 'team/app']],
    ['tags:list', ['discovered:127.0.0.1:5000', 'team/app']],
    ['repositories:list', ['discovered:index.docker.io']],
    ['images:detail', [ID, 'team/app', DIGEST]],
    [
      'images:copy',
      [{ source: { registryId: ID, repository: 'team/app', reference: '1.0' }, target: { registryId: ID, repository: ' /mirror/app ', tag: ' 1.0 ' } }],
    ],
    ['cleanup:plan', [ID, 'team/app', { keep: 3, olderThan: '', match: '', exclude: '', sort: 'date' }]],
    ['config:hover', ['version: 0.1\n', 3, '2.8']],
    ['app:info', []],
    ['repositories:page', [ID]],
    ['repositories:page', [ID, ID]],
  ];
  for (const [channel, args] of ok) assert.deepEqual(await dispatch(channel, args), { result: null }, channel);
  assert.deepEqual(
    calls[4]![1],
    [{ source: { registryId: ID, repository: 'team/app', reference: '1.0' }, target: { registryId: ID, repository: 'mirror/app', tag: '1.0' } }],
    'typed names are trimmed',
  );
  assert.throws(
    () => checkChannelArgs('tags:list', [ID, 'Team/App']),
    (err: unknown) => err instanceof BadInputError && err.argument === 'repository',
  );
});

test('the served-mode API refuses the same arguments before any handler runs (fake handlers)', async () => {
  const calls: Array<[string, unknown[]]> = [];
  const served = await startServedMode({ dispatch: createDispatcher(recordingApi(calls)), rendererDir: tmpdir() });
  try {
    const res = await fetch(`${served.origin}/api/tags:list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
      body: JSON.stringify({ args: [ID, '../../internal/admin?x='] }),
    });
    const env = (await res.json()) as { error?: { name: string; message: string } };
    assert.equal(env.error?.name, 'BadInputError', JSON.stringify(env));
    assert.deepEqual(calls, []);
  } finally {
    await served.close();
  }
});
