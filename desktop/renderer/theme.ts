// Light and dark themes: body classes read by media/theme.css and by the toolkit's theme
// listener. The choice is remembered; by default it follows the OS.
import type { ThemeKind } from '../common';

const KEY = 'dockhand.theme';

export function currentTheme(): ThemeKind {
  return document.body.classList.contains('vscode-light') ? 'light' : 'dark';
}

export function applyTheme(kind: ThemeKind, remember = false): void {
  document.body.classList.toggle('vscode-light', kind === 'light');
  document.body.classList.toggle('vscode-dark', kind === 'dark');
  document.body.dataset.theme = kind;
  if (remember) localStorage.setItem(KEY, kind);
}

export function initialTheme(): ThemeKind {
  const stored = localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}
