// Text from a registry (file names inside layers, labels, history lines) printed on a terminal:
// control characters (C0, DEL, C1) become visible \xNN escapes, so a crafted name cannot move the
// cursor, clear the screen or set the window title.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function escapeTerminal(s: string): string {
  return s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
