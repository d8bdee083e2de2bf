// Formatting: the front door of shared/src/format. Pure (no Node built-ins): the renderer and the webview may import it.
export { formatBytes } from './bytes';
export { escapeTerminalText, escapeTerminal, writeControl, type ControlWriter } from './terminal-text';
