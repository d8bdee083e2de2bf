// Every rule, in reporting order. Codes are stable: editors key quick fixes and
// suppressions on them.
import type { Rule } from './rule';
import { rootVersionRule } from './root-version';
import { storageDriverRule } from './storage-driver';
import { filesystemRule } from './storage-filesystem';
import { s3Rule } from './storage-s3';
import { driverRequiredRule } from './storage-driver-params';
import { cacheRule, readonlyRule, redirectRule, uploadPurgingRule } from './storage-blocks';
import { authRule } from './auth';
import { tlsRule } from './http-tls';
import { httpListenerRule } from './http-listener';
import { redisRule } from './redis';
import { middlewareRule } from './middleware';
import { notificationsRule } from './notifications';
import { validationRule } from './validation';
import { limitsRule, logHooksRule, proxyRule } from './misc';
import { referencedFilesRule } from './referenced-files';
import { swiftGcsRule } from './storage-swift-gcs';
import { v3Rule } from './v3';

export const rules: Rule[] = [
  rootVersionRule,
  storageDriverRule,
  filesystemRule,
  s3Rule,
  driverRequiredRule,
  uploadPurgingRule,
  readonlyRule,
  redirectRule,
  cacheRule,
  authRule,
  tlsRule,
  httpListenerRule,
  redisRule,
  middlewareRule,
  notificationsRule,
  validationRule,
  limitsRule,
  logHooksRule,
  proxyRule,
  referencedFilesRule,
  swiftGcsRule,
  v3Rule,
];

/** Codes reported by the parser, the schema walk (decode.ts) and env overrides rather than by a rule. */
export const coreCodes = [
  'yaml-syntax',
  'unknown-anchor',
  'type-mismatch',
  'invalid-loglevel',
  'invalid-value',
  'duplicate-key',
  'unknown-key',
  'key-not-in-version',
  'deprecated-key',
  'duration-bare-number',
  'param-type',
  'below-minimum',
  'env-invalid',
  'env-unknown',
  'env-replaces',
  'internal-error',
  'yaml-encoding',
  'yaml-merge',
  'yaml-alias-cycle',
  'lint-too-large',
  'lint-truncated',
  'lint-timeout',
  'lint-failed',
];

export function ruleCodes(): string[] {
  return [...coreCodes, ...rules.flatMap((r) => r.codes)];
}
