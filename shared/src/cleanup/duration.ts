// Durations for retention policies: Go's time.ParseDuration units ("720h", "1h30m", "1.5h",
// "90s", "250ms") plus days and weeks ("30d", "2w", "1w3d"), as registry purgers accept.
const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export class DurationError extends Error {
  override name = 'DurationError';
}

/** Milliseconds in `text`; throws DurationError with an example of what is accepted. */
export function parseDuration(text: string): number {
  const s = text.trim();
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w)/y;
  let total = 0;
  let pos = 0;
  if (s === '0') return 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    total += Number(m[1]) * UNITS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (!s || pos !== s.length) {
    throw new DurationError(`"${text}" is not a duration: use a number with a unit (ns, us, ms, s, m, h, d, w), e.g. 30d, 720h, 1h30m, 2w`);
  }
  return total;
}

/** "30d", "12h", "1d 6h" for display. */
export function formatDuration(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : `${Math.round(ms / 1000)}s`;
}
