// Byte counts for people, in binary units: 1536 -> "1.5 KiB". The ONE byte formatter: the
// CLI, the clean-up reports, the engine's progress, the extension (tree, webview) and the
// desktop renderer all print sizes with it. Pure (no imports): the renderer and the webview
// bundle it (eslint keeps shared/src/format/ free of Node imports).
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}
