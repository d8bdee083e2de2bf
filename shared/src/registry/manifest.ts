// Manifest wire formats, validated at the boundary: Docker v2 schema 2 and manifest list,
// OCI image manifest and index, and Docker schema 1 (read-only, legacy).
import { MEDIA_TYPES, isImageMediaType, isIndexMediaType, isSchema1MediaType } from './media-types';
import { isDigest } from './digest';

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform;
  artifactType?: string;
}

export interface ImageManifest {
  kind: 'image';
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface IndexManifest {
  kind: 'index';
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface Schema1Manifest {
  kind: 'schema1';
  schemaVersion: 1;
  mediaType: string;
  name: string;
  tag: string;
  architecture: string;
  fsLayers: Array<{ blobSum: string }>;
  history: Array<{ v1Compatibility: string }>;
}

export type Manifest = ImageManifest | IndexManifest | Schema1Manifest;

export class ManifestValidationError extends Error {
  override name = 'ManifestValidationError';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(msg: string): never {
  throw new ManifestValidationError(msg);
}

function stringMap(v: unknown, where: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) fail(`${where} must be an object of strings`);
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'string') fail(`${where}["${k}"] must be a string`);
  return v as Record<string, string>;
}

export function parsePlatform(v: unknown, where: string): Platform | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v) || typeof v.architecture !== 'string' || typeof v.os !== 'string') fail(`${where} must have string "architecture" and "os"`);
  const p: Platform = { architecture: v.architecture, os: v.os };
  if (typeof v.variant === 'string') p.variant = v.variant;
  if (typeof v['os.version'] === 'string') p['os.version'] = v['os.version'];
  if (Array.isArray(v['os.features'])) p['os.features'] = v['os.features'].filter((x): x is string => typeof x === 'string');
  return p;
}

export function parseDescriptor(v: unknown, where: string): Descriptor {
  if (!isObj(v)) fail(`${where} must be an object`);
  if (typeof v.mediaType !== 'string' || !v.mediaType) fail(`${where}.mediaType must be a non-empty string`);
  if (typeof v.digest !== 'string' || !isDigest(v.digest)) fail(`${where}.digest must be a sha256/sha512 digest`);
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) fail(`${where}.size must be a non-negative integer`);
  const d: Descriptor = { mediaType: v.mediaType, digest: v.digest, size: v.size };
  if (Array.isArray(v.urls)) d.urls = v.urls.filter((x): x is string => typeof x === 'string');
  const ann = stringMap(v.annotations, `${where}.annotations`);
  if (ann) d.annotations = ann;
  const platform = parsePlatform(v.platform, `${where}.platform`);
  if (platform) d.platform = platform;
  if (typeof v.artifactType === 'string') d.artifactType = v.artifactType;
  return d;
}

/** Parse and validate manifest bytes. `contentType` (the response's) wins over the body's mediaType when both are known types. */
export function parseManifest(raw: Buffer | string, contentType?: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    fail('the manifest is not valid JSON');
  }
  if (!isObj(json)) fail('the manifest is not a JSON object');
  const ct = contentType?.split(';')[0]?.trim();
  const bodyType = typeof json.mediaType === 'string' ? json.mediaType : undefined;
  if (json.schemaVersion === 1 || isSchema1MediaType(ct) || isSchema1MediaType(bodyType)) return parseSchema1(json);
  if (json.schemaVersion !== 2) fail(`unsupported schemaVersion ${JSON.stringify(json.schemaVersion)}`);
  let mediaType = bodyType ?? (isIndexMediaType(ct) || isImageMediaType(ct) ? ct : undefined);
  if (!mediaType) mediaType = Array.isArray(json.manifests) ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest;
  if (bodyType && ct && (isIndexMediaType(ct) || isImageMediaType(ct)) && ct !== bodyType) {
    fail(`the manifest says mediaType "${bodyType}" but was served as "${ct}"`);
  }
  const annotations = stringMap(json.annotations, 'annotations');
  const subject = json.subject === undefined || json.subject === null ? undefined : parseDescriptor(json.subject, 'subject');
  const artifactType = typeof json.artifactType === 'string' ? json.artifactType : undefined;
  if (isIndexMediaType(mediaType) || (!isImageMediaType(mediaType) && Array.isArray(json.manifests))) {
    if (!Array.isArray(json.manifests)) fail('an index must have a "manifests" array');
    const manifests = json.manifests.map((m, i) => parseDescriptor(m, `manifests[${i}]`));
    return {
      kind: 'index',
      schemaVersion: 2,
      mediaType,
      manifests,
      ...(subject ? { subject } : {}),
      ...(annotations ? { annotations } : {}),
      ...(artifactType ? { artifactType } : {}),
    };
  }
  if (!isObj(json.config)) fail('an image manifest must have a "config" descriptor');
  const config = parseDescriptor(json.config, 'config');
  if (!Array.isArray(json.layers)) fail('an image manifest must have a "layers" array');
  const layers = json.layers.map((l, i) => parseDescriptor(l, `layers[${i}]`));
  return {
    kind: 'image',
    schemaVersion: 2,
    mediaType,
    config,
    layers,
    ...(subject ? { subject } : {}),
    ...(annotations ? { annotations } : {}),
    ...(artifactType ? { artifactType } : {}),
  };
}

function parseSchema1(json: Obj): Schema1Manifest {
  if (!Array.isArray(json.fsLayers)) fail('a schema 1 manifest must have "fsLayers"');
  const fsLayers = json.fsLayers.map((l, i) => {
    if (!isObj(l) || typeof l.blobSum !== 'string' || !isDigest(l.blobSum)) fail(`fsLayers[${i}].blobSum must be a digest`);
    return { blobSum: l.blobSum };
  });
  const history = Array.isArray(json.history)
    ? json.history.filter(isObj).map((h) => ({ v1Compatibility: typeof h.v1Compatibility === 'string' ? h.v1Compatibility : '' }))
    : [];
  return {
    kind: 'schema1',
    schemaVersion: 1,
    mediaType: Array.isArray(json.signatures) ? MEDIA_TYPES.dockerSchema1Signed : MEDIA_TYPES.dockerSchema1,
    name: typeof json.name === 'string' ? json.name : '',
    tag: typeof json.tag === 'string' ? json.tag : '',
    architecture: typeof json.architecture === 'string' ? json.architecture : '',
    fsLayers,
    history,
  };
}

/** "linux/arm64/v8" */
export function formatPlatform(p: Platform | undefined): string {
  if (!p) return 'unknown';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/') + (p['os.version'] ? ` (${p['os.version']})` : '');
}

/** Index entries that are attestations (buildkit's "unknown/unknown" with a reference annotation). */
export function isAttestation(d: Descriptor): boolean {
  return d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || (d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown');
}
