import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRepoTag } from './validateRepoTag';

test('validateRepoTag accepts repository:tag and explains what is wrong otherwise', () => {
  assert.equal(validateRepoTag('team/app:1.2'), undefined);
  assert.equal(validateRepoTag('app:v1_rc-2'), undefined);
  assert.match(validateRepoTag('team/app') ?? '', /repository:tag/);
  assert.match(validateRepoTag('Team/App:1') ?? '', /lower-case/);
  assert.match(validateRepoTag('app:.bad') ?? '', /tag/);
});
