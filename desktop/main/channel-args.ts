// Every argument of every channel, checked at the dispatcher beside the channel allow-list,
// before any handler runs: registry, job and plan ids; repository paths, tags and digests
// with the shared reference parser (so "../../internal/admin?x=" never reaches a URL);
// object inputs field by field (unknown fields refused); strings with length caps.
// Returns the arguments as the handler gets them (user-typed names trimmed).
import { checkRepositoryPath, checkTag, checkTagOrDigest, parseRegistry } from '@dockhand/shared/reference';
import { DISCOVERED_PREFIX } from './registry-store';
import type { Channel } from '../preload/api';
import { BadInputError } from './bad-input';

type Check = (value: unknown, name: string) => unknown;

const MAX_TEXT = 2 * 1024 * 1024; // a registry config is capped at 2 MB (handlers/config.ts)

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
    } catch { /* refused below */ }
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

const version = oneOf('2.8', '3');
const storeInChoice = oneOf('keychain', 'session', 'docker', 'docker-plaintext');
/** Where a sign-in keeps the password; empty means the default (handlers/login-storage.ts). */
const storeIn: Check = (v, name) => (v === '' ? undefined : storeInChoice(v, name));
const text = str(MAX_TEXT);
const offset = int(0, MAX_TEXT);
const path = str(4096, { nonEmpty: true });

const SCHEMA: { readonly [C in Channel]: ReadonlyArray<[string, Check]> } = {
  'app:info': [],
  'registries:list': [],
  'registries:add': [['input', obj({
    url: str(2048, { nonEmpty: true }), name: str(200, { optional: true }), caFile: str(4096, { optional: true }),
    insecure: bool(true), clientCertFile: str(4096, { optional: true }), clientKeyFile: str(4096, { optional: true }),
    username: str(256, { optional: true }), password: str(8192, { optional: true }), storeIn: optional(storeIn),
  })]],
  'registries:remove': [['registryId', registryId]],
  'registries:login': [['input', obj({ registryId, username: str(256), password: str(8192), storeIn: optional(storeIn) })]],
  'registries:logout': [['registryId', registryId]],
  'registries:check': [['registryId', registryId]],
  'registries:storageOptions': [['url', str(2048)]],
  'registries:startSandbox': [],
  'repositories:list': [['registryId', registryId]],
  'tags:list': [['registryId', registryId], ['repository', repository]],
  'tags:details': [['registryId', registryId], ['repository', repository], ['tags', list(200, tag)]],
  'images:detail': [['registryId', registryId], ['repository', repository], ['reference', tagOrDigest]],
  'images:planDelete': [['registryId', registryId], ['repository', repository], ['tag', tag]],
  'images:delete': [['registryId', registryId], ['repository', repository], ['tag', tag], ['mode', oneOf('tag', 'manifest')]],
  'images:copy': [['input', obj({
    source: obj({ registryId, repository, reference: tagOrDigest }),
    target: obj({ registryId, repository: typedRepository, tag }),
  })]],
  'engine:status': [],
  'engine:images': [],
  'engine:retagAndPush': [['input', obj({ localRef: str(512, { nonEmpty: true }), registryId, repository: typedRepository, tag })]],
  'jobs:poll': [['jobId', id], ['afterSeq', int(0, Number.MAX_SAFE_INTEGER)], ['waitMs', int(0, 60_000)]],
  'jobs:cancel': [['jobId', id]],
  'credentials:list': [],
  'config:pick': [],
  'config:open': [['path', path]],
  'config:lint': [['text', text], ['version', version]],
  'config:lintReport': [['text', text], ['target', oneOf('2.8', '3', 'auto')]],
  'config:hover': [['text', text], ['offset', offset], ['version', version]],
  'config:complete': [['text', text], ['offset', offset], ['version', version]],
  'config:save': [['path', path], ['text', text], ['version', version]],
  'files:open': [['registryId', registryId], ['repository', repository], ['digest', digest]],
  'files:list': [['registryId', registryId], ['repository', repository], ['digest', digest], ['path', str(4096)]],
  'files:read': [['registryId', registryId], ['repository', repository], ['digest', digest], ['path', str(4096)]],
  // `other` is what the user typed: a tag, a digest or a full reference (the handler parses it).
  'files:diff': [['registryId', registryId], ['repository', repository], ['reference', tagOrDigest], ['other', str(1024, { nonEmpty: true })]],
  'attachments:list': [['registryId', registryId], ['repository', repository], ['digest', digest]],
  'attachments:open': [['registryId', registryId], ['repository', repository], ['subjectDigest', digest], ['attachmentDigest', digest]],
  'cleanup:analyze': [['registryId', registryId], ['repository', repository]],
  'cleanup:plan': [['registryId', registryId], ['repository', repository], ['policy', optional(obj({
    keep: optional(num), olderThan: optional(str(40)), match: optional(str(1000)), exclude: optional(str(1000)), sort: optional(oneOf('date', 'semver')),
  }))]],
  'cleanup:apply': [['planId', id]],
};

/** The arguments of `channel`, checked and normalized; throws BadInputError naming the argument at fault. */
export function checkChannelArgs(channel: Channel, args: readonly unknown[]): unknown[] {
  const spec = SCHEMA[channel];
  if (args.length > spec.length) throw new BadInputError(`${channel} takes ${spec.length} argument${spec.length === 1 ? '' : 's'}, not ${args.length}.`);
  return spec.map(([name, check], i) => check(args[i], name));
}
