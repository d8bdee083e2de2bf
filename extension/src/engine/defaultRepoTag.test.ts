import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRepoTag } from './defaultRepoTag';

test('defaultRepoTag drops a registry host and keeps repository and tag', () => {
  assert.equal(defaultRepoTag('app:dev'), 'app:dev');
  assert.equal(defaultRepoTag('team/app'), 'team/app:latest');
  assert.equal(defaultRepoTag('127.0.0.1:5000/team/app:1.2'), 'team/app:1.2');
  assert.equal(defaultRepoTag('localhost/app:1'), 'app:1');
});
