// Read what an attachment holds, for people to look at: an SBOM (SPDX or CycloneDX JSON, bare
// or as the predicate of an in-toto statement), an in-toto statement (bare, in a DSSE
// envelope, or in a sigstore bundle), a cosign simple-signing payload. Size-capped; the
// document is parsed, never executed; packages are listed for SBOMs.
import type { RegistryClient } from '../registry/client';
import type { Descriptor } from '../registry/manifest';
import type { Attachment } from './types';

export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export interface SbomPackage {
  name: string;
  version?: string;
  license?: string;
  purl?: string;
}

export interface InTotoStatement {
  type: string;
  predicateType: string;
  subjects: Array<{ name: string; digest: Record<string, string> }>;
}

export interface AttachmentDocument {
  /** The content blob read. */
  layer: Descriptor;
  /** "SPDX", "CycloneDX", "in-toto statement", "cosign simple-signing payload", "notation signature", "binary". */
  format: string;
  /** The parsed JSON (the statement, or the bare document); undefined for non-JSON content. */
  json?: unknown;
  statement?: InTotoStatement;
  /** For SBOMs: their packages / components. */
  packages?: SbomPackage[];
  /** For content that is not JSON: its size only. */
  note?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length ? v : undefined);

/** Decode a DSSE envelope's payload (base64) as JSON, or undefined when it is not one. */
export function dssePayload(v: unknown): unknown {
  if (!isObj(v) || typeof v.payload !== 'string' || typeof v.payloadType !== 'string') return undefined;
  try {
    return JSON.parse(Buffer.from(v.payload, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function asStatement(v: unknown): InTotoStatement | undefined {
  if (!isObj(v) || typeof v._type !== 'string' || !v._type.startsWith('https://in-toto.io/Statement') || typeof v.predicateType !== 'string') return undefined;
  const subjects = Array.isArray(v.subject)
    ? v.subject.filter(isObj).map((s) => ({
        name: typeof s.name === 'string' ? s.name : '',
        digest: isObj(s.digest) ? (Object.fromEntries(Object.entries(s.digest).filter(([, x]) => typeof x === 'string')) as Record<string, string>) : {},
      }))
    : [];
  return { type: v._type, predicateType: v.predicateType, subjects };
}

/** Packages of an SPDX 2.x JSON document. */
export function spdxPackages(doc: unknown): SbomPackage[] | undefined {
  if (!isObj(doc) || typeof doc.spdxVersion !== 'string') return undefined;
  const pkgs = Array.isArray(doc.packages) ? doc.packages.filter(isObj) : [];
  return pkgs.map((p) => {
    const purl = Array.isArray(p.externalRefs) ? p.externalRefs.filter(isObj).find((r) => r.referenceType === 'purl') : undefined;
    const license =
      str(p.licenseConcluded) !== 'NOASSERTION' ? str(p.licenseConcluded) : str(p.licenseDeclared) !== 'NOASSERTION' ? str(p.licenseDeclared) : undefined;
    return {
      name: str(p.name) ?? '(unnamed)',
      ...(str(p.versionInfo) ? { version: str(p.versionInfo)! } : {}),
      ...(license ? { license } : {}),
      ...(purl && str(purl.referenceLocator) ? { purl: str(purl.referenceLocator)! } : {}),
    };
  });
}

/** Components of a CycloneDX JSON document (nested components flattened). */
export function cycloneDxPackages(doc: unknown): SbomPackage[] | undefined {
  if (!isObj(doc) || doc.bomFormat !== 'CycloneDX') return undefined;
  const out: SbomPackage[] = [];
  const walk = (list: unknown, depth: number) => {
    if (!Array.isArray(list) || depth > 8) return;
    for (const c of list.filter(isObj)) {
      const lic = Array.isArray(c.licenses)
        ? c.licenses
            .filter(isObj)
            .map((l) => (isObj(l.license) ? (str(l.license.id) ?? str(l.license.name)) : str(l.expression)))
            .filter(Boolean)
            .join(', ')
        : '';
      out.push({
        name: str(c.name) ?? '(unnamed)',
        ...(str(c.version) ? { version: str(c.version)! } : {}),
        ...(lic ? { license: lic } : {}),
        ...(str(c.purl) ? { purl: str(c.purl)! } : {}),
      });
      walk(c.components, depth + 1);
    }
  };
  walk(doc.components, 0);
  return out;
}

/** Interpret the bytes of one content blob (pure). */
export function interpretContent(layer: Descriptor, bytes: Buffer): AttachmentDocument {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { layer, format: 'binary', note: `${bytes.length} bytes of ${layer.mediaType} (not JSON)` };
  }
  // Unwrap: sigstore bundle -> DSSE envelope -> in-toto statement -> predicate.
  let inner: unknown = json;
  if (isObj(inner) && isObj(inner.dsseEnvelope)) inner = inner.dsseEnvelope;
  const payload = dssePayload(inner);
  if (payload !== undefined) inner = payload;
  const statement = asStatement(inner);
  if (statement) {
    const predicate = (inner as Obj).predicate;
    const packages = spdxPackages(predicate) ?? cycloneDxPackages(predicate);
    return { layer, format: 'in-toto statement', json: inner, statement, ...(packages ? { packages } : {}) };
  }
  const spdx = spdxPackages(inner);
  if (spdx) return { layer, format: 'SPDX', json: inner, packages: spdx };
  const cdx = cycloneDxPackages(inner);
  if (cdx) return { layer, format: 'CycloneDX', json: inner, packages: cdx };
  if (isObj(inner) && isObj(inner.critical) && isObj((inner.critical as Obj).image)) return { layer, format: 'cosign simple-signing payload', json: inner };
  if (isObj(json) && isObj(json.messageSignature)) return { layer, format: 'sigstore bundle (message signature)', json };
  return { layer, format: 'JSON', json: inner };
}

/** Read and interpret an attachment's content blobs (all of them, or the one at `layerIndex`). */
export async function readAttachmentDocuments(
  client: RegistryClient,
  repository: string,
  attachment: Pick<Attachment, 'layers'>,
  opts: { signal?: AbortSignal; layerIndex?: number; maxBytes?: number } = {},
): Promise<AttachmentDocument[]> {
  const layers = opts.layerIndex !== undefined ? attachment.layers.slice(opts.layerIndex, opts.layerIndex + 1) : attachment.layers;
  const max = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  const out: AttachmentDocument[] = [];
  for (const l of layers) {
    if (l.size > max) {
      out.push({ layer: l, format: 'binary', note: `${l.size} bytes: larger than the ${max}-byte limit for viewing` });
      continue;
    }
    if (l.mediaType === 'application/jose+json' || l.mediaType === 'application/cose') {
      out.push({ layer: l, format: 'notation signature', note: `${l.size} bytes of ${l.mediaType}` });
      continue;
    }
    const bytes = await client.getBlobBytes(repository, l.digest, { signal: opts.signal, maxBytes: max });
    out.push(interpretContent(l, bytes));
  }
  return out;
}
