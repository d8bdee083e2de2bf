// Every argument of every channel, checked at the dispatcher before any handler runs, as the
// contract declares it beside the channel allow-list (the XXX_METHODS tables in common/):
// registry, job and plan ids; repository paths, tags and digests with the shared reference
// parser (so "../../internal/admin?x=" never reaches a URL);
// object inputs field by field (unknown fields refused); strings with length caps.
// Returns the arguments as the handler gets them (user-typed names trimmed).
import { checkRepositoryPath, checkTag, checkTagOrDigest, parseRegistry } from '@dockhand/shared/reference';
import { DISCOVERED_PREFIX } from './registry-store';
import { CHANNELS, channelArgs, type Arg, type Channel } from '../common';
import { BadInputError } from './bad-input';

type Check = (value: unknown, name: string) => unknown;

function fail(name: string, what: string): never {
  throw new BadInputError(`${name}: ${what}`, name);
}

function str(max: number, opts: { optional?: boolean; nonEmpty?: boolean } = {}): Check {
  return (v, name) => {
    if (v === undefined && opts.optional) return undefined;
    if (typeof v !== 'string') fail(name, `expected text, got ${v === null ? 'null' : typeof v}.`);
    if (v.length > max) fail(name, `longer than ${max} characters.`);
    if (opts.nonEmpty && !v.trim()) fail(name, 'must not be empty.');
    return v;
  };
}

/** A job or plan id (a UUID), or a stored registry's id. */
const id: Check = (v, name) => {
  if (typeof v !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(v)) fail(name, 'not a valid id; reload the list and try again.');
  return v;
};

/** A registry id: a stored one, or a discovered login's (`discovered:` + a registry host, checked with the reference parser). */
const registryId: Check = (v, name) => {
  if (typeof v === 'string' && v.startsWith(DISCOVERED_PREFIX)) {
    const host = v.slice(DISCOVERED_PREFIX.length);
    try {
      parseRegistry(host);
      return v;
    } catch {
      /* refused below */
    }
    fail(name, 'not a valid registry id; reload the list and try again.');
  }
  return id(v, name);
};

/** A check that runs the reference parser on the trimmed text. */
function grammar(parse: (s: string) => string, optional = false): Check {
  return (v, name) => {
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string') fail(name, `expected text, got ${v === null ? 'null' : typeof v}.`);
    try {
      return parse(v.trim());
    } catch (err) {
      return fail(name, `${(err as Error).message}.`);
    }
  };
}

const repository = grammar(checkRepositoryPath);
/** A repository the user typed: a leading "/" is dropped, as the forms always did. */
const typedRepository = grammar((s) => checkRepositoryPath(s.replace(/^\/+/, '')));
const tag = grammar(checkTag);
const tagOrDigest = grammar(checkTagOrDigest);
const digest = grammar((d) => {
  if (!d.includes(':')) throw new Error(`"${d.slice(0, 80)}" is not a digest (sha256:...)`);
  return checkTagOrDigest(d);
});

/** An array of at most `max` items, each checked. */
function list(max: number, item: Check): Check {
  return (v, name) => {
    if (!Array.isArray(v)) fail(name, 'expected a list.');
    if (v.length > max) fail(name, `more than ${max} items.`);
    return v.map((x, i) => item(x, `${name}[${i}]`));
  };
}

function int(min: number, max: number): Check {
  return (v, name) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(name, `expected a whole number from ${min} to ${max}.`);
    return v;
  };
}

/** Any number: the handler says what a good value is (cleanup's "keep"). */
const num: Check = (v, name) => {
  if (typeof v !== 'number') fail(name, 'expected a number.');
  return v;
};

function oneOf(...values: string[]): Check {
  return (v, name) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(name, `expected one of ${values.map((x) => `"${x}"`).join(', ')}.`);
    return v;
  };
}

function bool(optional: boolean): Check {
  return (v, name) => {
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'boolean') fail(name, 'expected true or false.');
    return v;
  };
}

function optional(check: Check): Check {
  return (v, name) => (v === undefined || v === null ? undefined : check(v, name));
}

/** An object with exactly these fields (each checked); unknown fields are refused. */
function obj(fields: Record<string, Check>): Check {
  return (v, name) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) fail(name, 'expected an object.');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) if (!(key in fields)) fail(`${name}.${key}`, 'unknown field.');
    for (const [key, check] of Object.entries(fields)) {
      const value = check((v as Record<string, unknown>)[key], `${name}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
}

/** The check for one declared argument (common/args.ts). */
function check(a: Arg): Check {
  switch (a.kind) {
    case 'id':
      return id;
    case 'registryId':
      return registryId;
    case 'repository':
      return a.typed ? typedRepository : repository;
    case 'tag':
      return tag;
    case 'tagOrDigest':
      return tagOrDigest;
    case 'digest':
      return digest;
    case 'text':
      return str(a.max, a);
    case 'int':
      return int(a.min, a.max);
    case 'number':
      return num;
    case 'oneOf': {
      const choice = oneOf(...a.values);
      return a.emptyIsDefault ? (v, name) => (v === '' ? undefined : choice(v, name)) : choice;
    }
    case 'bool':
      return bool(a.optional ?? false);
    case 'optional':
      return optional(check(a.of));
    case 'list':
      return list(a.max, check(a.of));
    case 'object':
      return obj(Object.fromEntries(Object.entries(a.fields).map(([k, f]) => [k, check(f)])));
  }
}

/** Each channel's checks, built once from the contract's method tables. */
const SCHEMA = new Map<Channel, ReadonlyArray<readonly [string, Check]>>(
  CHANNELS.map((channel) => [channel, channelArgs(channel).map(([name, a]) => [name, check(a)] as const)]),
);

/** The arguments of `channel`, checked and normalized; throws BadInputError naming the argument at fault. */
export function checkChannelArgs(channel: Channel, args: readonly unknown[]): unknown[] {
  const spec = SCHEMA.get(channel)!;
  if (args.length > spec.length) throw new BadInputError(`${channel} takes ${spec.length} argument${spec.length === 1 ? '' : 's'}, not ${args.length}.`);
  return spec.map(([name, check], i) => check(args[i], name));
}
