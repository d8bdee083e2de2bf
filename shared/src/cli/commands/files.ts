// `dockhand files REF [PATH] [--layer N] [-r] [--json]`: the files inside a remote image, without
// pulling it. PATH (default /) is listed as the container would see it (whiteouts applied), with
// the layer that last wrote each entry; --layer N lists what layer N itself holds (1 = bottom).
import { printJson, UsageError, type Command } from '../command';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, humanSize } from './registry-flags';
import { imageFilesFlags, IMAGE_FILES_USAGE, openFilesOf, refArg, CACHE_HELP } from './image-files-flags';
import { modeString, normalizePath, type LayerEntry } from '../../image-files/layer-entry';
import type { MergedEntry } from '../../image-files/merged-tree';
import { formatPlatform } from '../../registry/manifest';
import { escapeTerminal } from '../../format/terminal-text';

function line(e: LayerEntry & { layer?: number }): string {
  const size = e.type === 'file' || e.type === 'hardlink' ? humanSize(e.size) : '-';
  const layer = e.layer !== undefined ? `L${e.layer + 1}` : '';
  const link = e.type === 'symlink' ? ` -> ${e.link}` : e.type === 'hardlink' ? ` => /${e.link}` : '';
  const name =
    e.type === 'whiteout'
      ? `/${e.path} (deleted)`
      : e.type === 'opaque'
        ? `/${e.path}/ (opaque: hides lower layers)`
        : `/${e.path}${e.type === 'dir' ? '/' : ''}`;
  return `${modeString(e)} ${`${e.uid}:${e.gid}`.padEnd(11)} ${size.padStart(10)} ${layer.padStart(4)}  ${escapeTerminal(name + link)}`;
}

function jsonEntry(e: LayerEntry & { layer?: number; implied?: boolean }) {
  return {
    path: `/${e.path}`,
    type: e.type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    ...(e.link !== undefined ? { link: e.link } : {}),
    ...(e.sha256 ? { sha256: e.sha256 } : {}),
    ...(e.layer !== undefined ? { layer: e.layer + 1 } : {}),
  };
}

export const filesCommand: Command = {
  name: 'files',
  summary: "List the files inside a remote image without pulling it (whiteouts applied; or one layer's own entries)",
  usage: `dockhand files REF [PATH] [--layer N] [-r|--recursive] [--json] ${IMAGE_FILES_USAGE} ${REGISTRY_FLAGS_USAGE}\n\n${CACHE_HELP}`,
  options: { json: { type: 'boolean' }, layer: { type: 'string' }, recursive: { type: 'boolean', short: 'r' }, ...imageFilesFlags, ...registryOptionFlags },
  async run(args, ctx) {
    if (args.positionals.length < 1 || args.positionals.length > 2) throw new UsageError('give an image reference and optionally a path inside it');
    const ref = refArg(args.positionals[0]!);
    const path = normalizePath(args.positionals[1] ?? '/');
    if (path === undefined) throw new UsageError('the path cannot go above the image root ("..")');
    let layerNo: number | undefined;
    if (typeof args.values.layer === 'string') {
      layerNo = Number(args.values.layer);
      if (!Number.isInteger(layerNo) || layerNo < 1) throw new UsageError('--layer takes a layer number, 1 for the bottom layer');
    }
    const recursive = Boolean(args.values.recursive);
    return withClients(args, ctx, async (client) => {
      const files = await openFilesOf(ref, client, args, ctx);
      const header = {
        reference: args.positionals[0]!,
        digest: files.image.digest,
        platform: formatPlatform(files.image.platform),
        layers: files.image.layers.length,
      };
      if (layerNo !== undefined) {
        const index = files.indexes[layerNo - 1];
        if (!index) throw new UsageError(`the image has ${files.indexes.length} layer(s); --layer takes 1 to ${files.indexes.length}`);
        const inside = (p: string) => path === '' || p === path || p.startsWith(`${path}/`);
        const entries = index.entries.filter(
          (e) => inside(e.path) && (recursive || path === '' ? true : e.path === path || !e.path.slice(path.length + 1).includes('/')),
        );
        if (args.values.json)
          printJson(ctx, { ...header, layer: layerNo, digest: index.digest, compression: index.compression, entries: entries.map(jsonEntry) });
        else ctx.stdout.write(entries.map(line).join('\n') + (entries.length ? '\n' : ''));
        return 0;
      }
      const target = files.tree.resolve(path, false);
      if (!target) throw new Error(`/${path}: no such file or directory in ${args.positionals[0]} (${header.platform})`);
      let entries: MergedEntry[];
      if (target.type !== 'dir') entries = [target];
      else entries = recursive ? [...files.tree.walk(target.path)] : (files.tree.list(target.path) ?? []);
      if (args.values.json) printJson(ctx, { ...header, path: `/${target.path}`, entries: entries.map(jsonEntry) });
      else ctx.stdout.write(entries.map(line).join('\n') + (entries.length ? '\n' : ''));
      return 0;
    });
  },
};
