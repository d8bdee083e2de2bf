import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, hostnameOf } from './host';

test('loopback hosts: 127.0.0.0/8, ::1, localhost; nothing else', () => {
  for (const h of ['127.0.0.1:5000', '127.1.2.3', '[::1]:5000', 'localhost:5000', 'localhost', 'foo.localhost']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['10.0.0.1:5000', 'registry.example.com', '128.0.0.1', '[::2]:5000', 'localhost.example.com']) assert.equal(isLoopbackHost(h), false, h);
});

test('hostnameOf strips ports and IPv6 brackets', () => {
  assert.equal(hostnameOf('127.0.0.1:5000'), '127.0.0.1');
  assert.equal(hostnameOf('[::1]:5000'), '::1');
  assert.equal(hostnameOf('example.com'), 'example.com');
});
