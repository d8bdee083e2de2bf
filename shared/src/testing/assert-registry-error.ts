// A predicate for assert.rejects: the error is a RegistryError with this code (and message).
import assert from 'node:assert/strict';
import { RegistryError } from '../transport/registry-error';

export function isRegistryError(code: string, message?: RegExp): (err: unknown) => true {
  return (err: unknown) => {
    assert.ok(err instanceof RegistryError, `expected a RegistryError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  };
}
