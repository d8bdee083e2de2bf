// The shape of the registry's configuration as Go sees it: which Go type each key decodes
// into (so yaml.v2's rules can be replayed), per-version availability, and the docs the
// JSON Schemas and hovers show. One model serves both versions; `only` restricts a key.
import type { Severity } from '../types';

/** Registry releases the model distinguishes. Target '3' accepts keys of 3.0 and 3.1. */
export type Release = '2.8' | '3.0' | '3.1';

export type GoType =
  | { t: 'string' }
  | { t: 'bool' }
  | { t: 'int' }
  | { t: 'float' }
  | { t: 'duration' }
  /** configuration.Version: a string "X.Y"; only "0.1" is supported. */
  | { t: 'version' }
  /** configuration.Loglevel: a string, lower-cased, one of error warn info debug. */
  | { t: 'loglevel' }
  | { t: 'struct'; fields: Fields }
  | { t: 'slice'; elem: GoType }
  /** map[string]elem; `keyDoc` documents what the keys are. */
  | { t: 'map'; elem: GoType; keyDoc?: string }
  /** interface{}: anything. */
  | { t: 'any' }
  /** map[string]interface{} (driver parameters): the registry reads keys itself; documented keys listed. */
  | { t: 'params'; fields: Fields; open?: boolean }
  /** Storage / Auth: map[string]Parameters with a custom unmarshaler (a map, or a bare name string). */
  | { t: 'typed'; kind: 'storage' | 'auth'; fields: Fields };

export interface Field {
  type: GoType;
  doc: string;
  /** Go field name when its upper-case differs from the YAML key (REGISTRY_* variables use it). */
  go?: string;
  /** Releases that read this key (default: all). */
  only?: Release[];
  enum?: (string | number | boolean)[];
  /** How bad a value outside `enum` is (default warning; 'off' when a rule decides). */
  enumSeverity?: Severity | 'off';
  /** The registry lower-cases the value before comparing it with `enum`. */
  enumCaseInsensitive?: boolean;
  default?: unknown;
  /** Deprecation text; a warning when used. */
  deprecated?: string;
  /** In `params`: a wrong value type is an error (the registry refuses it) instead of a warning. */
  strict?: boolean;
  /** JSON Schema: required within its object. */
  required?: boolean;
  /** JSON Schema only: extra constraints (minimum, pattern, ...). */
  schema?: Record<string, unknown>;
}

export type Fields = Record<string, Field>;

/** Whether `version` reads the field: a release ('3.0', '3.1') exactly, a major ('3') when any of its releases does. */
export function availableIn(field: Field, version: '2.8' | '3' | Release): boolean {
  if (!field.only) return true;
  if (version === '2.8' || version === '3.0' || version === '3.1') return field.only.includes(version);
  return field.only.includes('3.0') || field.only.includes('3.1');
}
