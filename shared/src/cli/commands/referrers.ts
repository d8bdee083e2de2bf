// `dockhand referrers REF [--json]`: every signature, SBOM and attestation attached to an image
// (OCI referrers API, tag-schema "sha256-<hex>" index, cosign's .sig/.att/.sbom tags, buildx
// attestation manifests in the index), classified, with size, date and predicate type; with
// --show DIGEST, the content of one (SBOM packages, in-toto statement) as formatted JSON.
import { printJson, UsageError, type Command } from '../command';
import { parseReference, manifestReference } from '../../reference/reference';
import { discoverImageAttachments, readAttachmentDocuments, flattenAttachments } from '../../attachments/index';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';
import { discoveriesText, jsonForTerminal, terminalSafe } from './attachments-text';

export const referrersCommand: Command = {
  name: 'referrers',
  summary: 'List the signatures, SBOMs and attestations attached to an image (or show one with --show)',
  usage: `dockhand referrers REF [--show DIGEST] [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, show: { type: 'string' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseReference(onePositional(args, 'image reference'));
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      const top = await c.getManifest(ref.repository, manifestReference(ref), { signal: ctx.signal });
      const discoveries = await discoverImageAttachments(c, ref.repository, top, { signal: ctx.signal });
      const show = typeof args.values.show === 'string' ? args.values.show : undefined;
      if (show !== undefined) {
        const all = [...flattenAttachments(discoveries), ...discoveries.flatMap((d) => d.attachments.filter((a) => a.source === 'index'))];
        const a = all.find((x) => x.digest === show || x.digest.replace(/^sha256:/, '').startsWith(show.replace(/^sha256:/, '')));
        if (!a || show.replace(/^sha256:/, '').length < 6)
          throw new UsageError(
            `no attachment ${show} on ${ref.repository}@${top.digest}: run dockhand referrers ${args.positionals[0]} to list them (give at least 6 hex digits)`,
          );
        const docs = await readAttachmentDocuments(c, ref.repository, a, { signal: ctx.signal });
        if (args.values.json) {
          printJson(ctx, { attachment: a, documents: docs });
          return 0;
        }
        for (const d of docs) {
          ctx.stdout.write(`${d.format}  ${d.layer.mediaType}  ${d.layer.digest}\n`);
          if (d.statement)
            ctx.stdout.write(
              terminalSafe(
                `Predicate type: ${d.statement.predicateType}\nSubjects: ${d.statement.subjects
                  .map(
                    (s) =>
                      `${s.name} ${Object.entries(s.digest)
                        .map(([k, v]) => `${k}:${v}`)
                        .join(' ')}`,
                  )
                  .join('; ')}`,
              ) + '\n',
            );
          if (d.packages) {
            ctx.stdout.write(`Packages (${d.packages.length}):\n`);
            for (const p of d.packages)
              ctx.stdout.write(
                terminalSafe(`  ${p.name}${p.version ? ` ${p.version}` : ''}${p.license ? `  ${p.license}` : ''}${p.purl ? `  ${p.purl}` : ''}`) + '\n',
              );
          }
          if (d.note) ctx.stdout.write(terminalSafe(d.note) + '\n');
          else if (d.json !== undefined && !d.packages) ctx.stdout.write(jsonForTerminal(d.json) + '\n');
        }
        return 0;
      }
      if (args.values.json) printJson(ctx, { digest: top.digest, referrersApi: discoveries[0]?.referrersApi ?? false, subjects: discoveries });
      else ctx.stdout.write(discoveriesText(discoveries, top.digest));
      return 0;
    });
  },
};
