// The details page's HTML: a strict CSP with a per-load nonce, resources only from
// dist/webview and dist/media through asWebviewUri.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** `page` names the style sheet (dist/media/<page>.css) and script (dist/webview/<page>.js): 'details' or 'activity'. */
export function detailsHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, page = 'details'): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', ...p)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    // Style sheets only from the extension, plus the toolkit's own probe (an empty <style> it
    // tags with the csp-nonce meta below). No inline style attributes: the page sets none, and
    // VS Code's host writes the theme's variables through CSSOM, which the CSP does not govern.
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${nonce}">
<link rel="stylesheet" href="${uri('media', `${page}.css`)}">
<script type="module" nonce="${nonce}" src="${uri('webview', 'toolkit.min.js')}"></script>
<title>${esc(title)}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Loading ${esc(title)}…</p></main>
<script nonce="${nonce}" src="${uri('webview', `${page}.js`)}"></script>
</body>
</html>`;
}
