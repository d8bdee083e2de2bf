// Text bound for a terminal: control characters from registries, helpers and files are
// shown escaped (`\x1b`, `\u202e`), never interpreted, so a tag or an error body cannot set
// the window title, clear the screen, move the cursor or fake a line of Dockhand's output.
// Newline and tab stay as they are. The program's own control sequences (a progress block
// redrawn in place) go through writeControl(), which escaping streams let through.

/** C0 controls but tab and newline, DEL, the C1 controls, and the Unicode bidirectional overrides and marks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character replaced by a visible escape. */
export function escapeTerminalText(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `s` with every control character escaped, newline and tab included (a name that must stay on one line). */
export function escapeTerminal(s: string): string {
  return escapeTerminalText(s).replace(/[\n\t]/g, (c) => (c === '\n' ? '\\x0a' : '\\x09'));
}

/** A stream that can take the program's own control sequences past its escaping. */
export interface ControlWriter {
  writeControl(sequence: string): void;
}

function hasWriteControl(out: unknown): out is ControlWriter {
  return typeof (out as Partial<ControlWriter>).writeControl === 'function';
}

/** Write a control sequence of Dockhand's own (cursor up, erase, carriage return) to `out`. */
export function writeControl(out: { write(text: string): unknown }, sequence: string): void {
  if (hasWriteControl(out)) out.writeControl(sequence);
  else out.write(sequence);
}
