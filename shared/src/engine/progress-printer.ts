// Renders ProgressEvents for a terminal: on a TTY one line per layer, redrawn in place
// (like `docker push`); otherwise plain lines, one per state change (no byte-by-byte noise).
import type { EngineProgressEvent } from './types';
import { writeControl } from '../format/terminal-text';
import { formatBytes } from '../format/bytes';

interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const LABEL: Record<string, string> = {
  waiting: 'Waiting',
  preparing: 'Preparing',
  pushing: 'Pushing',
  pulling: 'Pulling fs layer',
  downloading: 'Downloading',
  extracting: 'Extracting',
  pushed: 'Pushed',
  pulled: 'Pull complete',
  exists: 'Layer already exists',
  mounted: 'Mounted',
  failed: 'Failed',
};

export function formatLayer(e: Extract<EngineProgressEvent, { kind: 'layer' }>, width = 80): string {
  let text = `${e.id}: ${LABEL[e.state] ?? e.state}`;
  if (e.current !== undefined && e.total) {
    const pct = Math.min(100, Math.floor((e.current / e.total) * 100));
    const barWidth = Math.max(10, Math.min(40, width - text.length - 30));
    const filled = Math.round((pct / 100) * barWidth);
    text += ` [${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(barWidth - filled)}] ${formatBytes(e.current)}/${formatBytes(e.total)}`;
  } else if (e.current !== undefined) {
    text += ` ${formatBytes(e.current)}`;
  }
  return text.length > width ? text.slice(0, width - 1) : text;
}

export class ProgressPrinter {
  private readonly order: string[] = [];
  private readonly lines = new Map<string, string>();
  private readonly lastState = new Map<string, string>();
  private drawn = 0;

  constructor(
    private readonly out: Out,
    private readonly tty = Boolean(out.isTTY),
  ) {}

  handle = (e: EngineProgressEvent): void => {
    if (e.kind === 'layer') {
      if (this.tty) {
        if (!this.lines.has(e.id)) this.order.push(e.id);
        const cols = this.out.columns && this.out.columns > 20 ? this.out.columns : 80;
        this.lines.set(e.id, formatLayer(e, cols - 1));
        this.redraw();
      } else if (this.lastState.get(e.id) !== e.state) {
        this.lastState.set(e.id, e.state);
        this.out.write(
          formatLayer({ ...e, current: undefined, total: e.state === 'pushing' || e.state === 'downloading' ? undefined : e.total }) +
            (e.total ? ` (${formatBytes(e.total)})` : '') +
            '\n',
        );
      }
      return;
    }
    const text = e.kind === 'status' ? e.message : `digest: ${e.digest}${e.size !== undefined ? ` size: ${e.size}` : ''}`;
    if (e.kind === 'status' && /digest: sha256:/.test(e.message)) return; // the digest event says it
    if (this.tty && e.kind === 'digest') {
      // the end: keep the layer block as it is and print the digest below it
      this.finish();
      this.out.write(text + '\n');
    } else if (this.tty) {
      // status lines go above the layer block
      this.clear();
      this.out.write(text + '\n');
      this.redraw();
    } else {
      this.out.write(text + '\n');
    }
  };

  private clear(): void {
    if (this.drawn > 0) writeControl(this.out, `\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private redraw(): void {
    this.clear();
    for (const id of this.order) this.out.write(`${this.lines.get(id)}\n`);
    this.drawn = this.order.length;
  }

  /** Leave the final layer lines on screen and stop redrawing them. */
  finish(): void {
    this.order.length = 0;
    this.lines.clear();
    this.drawn = 0;
  }
}
