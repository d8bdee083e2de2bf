// `dockhand images [--json]`: the local engine's images.
import { createEngineClient } from '../../engine/engine-client';
import type { LocalImage } from '../../engine/types';
import { printJson, type Command } from '../command';
import { formatBytes } from '../../format/bytes';
import { engineOptionFlags, engineOptionsFrom } from './engine-flags';

function age(iso: string): string {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  const steps: [number, string][] = [
    [86400 * 365, 'year'],
    [86400 * 30, 'month'],
    [86400 * 7, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [n, unit] of steps)
    if (s >= n) {
      const k = Math.floor(s / n);
      return `${k} ${unit}${k > 1 ? 's' : ''} ago`;
    }
  return 'just now';
}

export function imageRows(images: LocalImage[]): string[][] {
  const rows: string[][] = [];
  for (const img of images) {
    const names = img.repoTags.length ? img.repoTags : ['<none>:<none>'];
    for (const name of names) {
      const i = name.lastIndexOf(':');
      rows.push([name.slice(0, i), name.slice(i + 1), img.id.replace(/^sha256:/, '').slice(0, 12), age(img.created), formatBytes(img.size)]);
    }
  }
  return rows;
}

export const imagesCommand: Command = {
  name: 'images',
  summary: 'List the images in the local Docker engine',
  usage: 'dockhand images [--json] [--host H | --context NAME]',
  options: { json: { type: 'boolean' }, ...engineOptionFlags },
  async run(args, ctx) {
    const engine = await createEngineClient(engineOptionsFrom(args, ctx));
    const images = await engine.listImages({ signal: ctx.signal });
    if (args.values.json) {
      printJson(ctx, images);
      return 0;
    }
    const rows = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], ...imageRows(images)];
    const widths = rows[0].map((_, c) => rows.reduce((w, r) => Math.max(w, r[c].length), 0));
    for (const r of rows) ctx.stdout.write(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('   ') + '\n');
    return 0;
  },
};
