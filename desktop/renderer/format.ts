// Display formatting: sizes, dates, short digests.
import { formatBytes as bytes } from '@dockhand/shared/format';

/** Sizes in the one unit style of Dockhand (shared/src/format/bytes.ts); "—" when unknown. */
export function formatBytes(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '—' : bytes(n);
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function relativeDate(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const s = Math.round((now - t) / 1000);
  if (s < 60) return 'just now';
  const steps: Array<[number, string]> = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
    [2592000, 'month'],
    [31536000, 'year'],
  ];
  let unit = 'minute';
  let value = Math.floor(s / 60);
  for (const [sec, name] of steps)
    if (s >= sec) {
      unit = name;
      value = Math.floor(s / sec);
    }
  return `${value} ${unit}${value === 1 ? '' : 's'} ago`;
}

export function shortDigest(d: string | undefined): string {
  if (!d) return '—';
  const [alg, hex] = d.split(':');
  return hex ? `${alg}:${hex.slice(0, 12)}` : d.slice(0, 19);
}
