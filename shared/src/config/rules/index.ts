// Every rule, in reporting order. Codes are stable: editors key quick fixes and
// suppressions on them.
import type { Rule } from './rule';

export const rules: Rule[] = [];

/** Codes reported by the parser and the schema walk (decode.ts) rather than by a rule. */
export const coreCodes = [
  'yaml-syntax', 'unknown-anchor', 'root-not-mapping', 'type-mismatch', 'invalid-loglevel', 'invalid-value',
  'duplicate-key', 'unknown-key', 'key-not-in-version', 'deprecated-key', 'duration-bare-number', 'param-type',
  'below-minimum', 'env-invalid', 'env-unknown', 'env-ignored', 'env-replaces', 'internal-error',
];

export function ruleCodes(): string[] {
  return [...coreCodes, ...rules.flatMap((r) => r.codes)];
}
