// What each argument of an IPC method must be, as plain data: every namespace file lists its
// methods' arguments with these (e.g. TAGS_METHODS in tags.ts), and the main process checks
// every call against them before any handler runs (main/channel-args.ts interprets them with
// the shared reference parser, which this folder cannot import: it is compiled into the
// browser bundle too). Keep this file free of imports.

export type Arg =
  /** A job or plan id (a UUID), or a stored registry's id. */
  | { readonly kind: 'id' }
  /** A stored registry's id, or a discovered login's (`discovered:` + a registry host). */
  | { readonly kind: 'registryId' }
  /** A repository path (reference grammar); `typed`: what the user typed (a leading "/" is dropped). */
  | { readonly kind: 'repository'; readonly typed?: boolean }
  | { readonly kind: 'tag' }
  | { readonly kind: 'tagOrDigest' }
  /** A digest (sha256:...). */
  | { readonly kind: 'digest' }
  | { readonly kind: 'text'; readonly max: number; readonly optional?: boolean; readonly nonEmpty?: boolean }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  /** Any number: the handler says what a good value is. */
  | { readonly kind: 'number' }
  /** One of `values`; `emptyIsDefault`: "" means "not given". */
  | { readonly kind: 'oneOf'; readonly values: readonly string[]; readonly emptyIsDefault?: boolean }
  | { readonly kind: 'bool'; readonly optional?: boolean }
  /** undefined or null pass as undefined; anything else is checked. */
  | { readonly kind: 'optional'; readonly of: Arg }
  | { readonly kind: 'list'; readonly max: number; readonly of: Arg }
  /** An object with exactly these fields (each checked); unknown fields are refused. */
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Arg>> };

/** Builders for `Arg`s, so a namespace's table reads like a signature. */
export const arg = {
  id: { kind: 'id' },
  registryId: { kind: 'registryId' },
  repository: { kind: 'repository' },
  typedRepository: { kind: 'repository', typed: true },
  tag: { kind: 'tag' },
  tagOrDigest: { kind: 'tagOrDigest' },
  digest: { kind: 'digest' },
  number: { kind: 'number' },
  text: (max: number, opts: { optional?: boolean; nonEmpty?: boolean } = {}): Arg => ({ kind: 'text', max, ...opts }),
  int: (min: number, max: number): Arg => ({ kind: 'int', min, max }),
  oneOf: (...values: string[]): Arg => ({ kind: 'oneOf', values }),
  bool: (optional = false): Arg => ({ kind: 'bool', optional }),
  optional: (of: Arg): Arg => ({ kind: 'optional', of }),
  list: (max: number, of: Arg): Arg => ({ kind: 'list', max, of }),
  object: (fields: Record<string, Arg>): Arg => ({ kind: 'object', fields }),
} as const satisfies Record<string, Arg | ((...a: never[]) => Arg)>;

/** One positional argument: its name (used in error messages) and what it must be. */
export type NamedArg = readonly [name: string, arg: Arg];

/** The argument list of one method: exactly one entry per parameter. */
export type ArgsOf<F> = F extends (...args: infer P) => unknown ? { readonly [K in keyof P]: NamedArg } : never;

/**
 * A namespace's method table: every method of `Api` with its arguments, and nothing else.
 * Its keys are the channel allow-list (see index.ts).
 */
export type MethodArgs<Api> = { readonly [M in keyof Api]: ArgsOf<Api[M]> };
