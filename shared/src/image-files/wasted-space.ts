// Wasted space, as dive counts it: bytes of regular files that a later layer overwrites or
// deletes. They are downloaded and stored with the image but no container ever sees them.
import type { Descriptor } from '../registry/client';
import type { HiddenFile, MergedTree } from './merged-tree';

export interface LayerWaste {
  /** 0 = bottom layer. */
  layer: number;
  digest: string;
  /** Compressed size of the layer as stored. */
  size: number;
  /** Bytes of regular files the layer adds (uncompressed). */
  fileBytes: number;
  /** Of those, bytes hidden by later layers. */
  wastedBytes: number;
}

export interface WastedSpace {
  totalWasted: number;
  /** Bytes of every regular file in every layer (uncompressed). */
  totalFileBytes: number;
  /** Bytes a container sees (regular files of the merged tree). */
  visibleBytes: number;
  /** visibleBytes / totalFileBytes (1 when nothing is wasted). */
  efficiency: number;
  layers: LayerWaste[];
  /** The biggest hidden files first. */
  biggest: HiddenFile[];
}

export function wastedSpace(
  tree: MergedTree,
  layers: readonly Descriptor[],
  layerEntries: readonly (readonly { type: string; size: number }[])[],
  top = 20,
): WastedSpace {
  const wasted = tree.wastedPerLayer();
  const perLayer: LayerWaste[] = layers.map((d, i) => ({
    layer: i,
    digest: d.digest,
    size: d.size,
    fileBytes: (layerEntries[i] ?? []).reduce((a, e) => a + (e.type === 'file' ? e.size : 0), 0),
    wastedBytes: wasted[i] ?? 0,
  }));
  let visibleBytes = 0;
  for (const e of tree.walk()) if (e.type === 'file') visibleBytes += e.size;
  const totalFileBytes = perLayer.reduce((a, l) => a + l.fileBytes, 0);
  const totalWasted = perLayer.reduce((a, l) => a + l.wastedBytes, 0);
  const biggest = [...tree.hidden].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1)).slice(0, top);
  return { totalWasted, totalFileBytes, visibleBytes, efficiency: totalFileBytes ? visibleBytes / totalFileBytes : 1, layers: perLayer, biggest };
}
