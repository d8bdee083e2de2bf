// The renderer's Content Security Policy: only the app's own scripts and styles, no
// inline script, no eval, no remote anything. Used as an HTTP header in served mode and
// checked against the <meta> tag of renderer/index.html by the tests.
// The one hash allowed in style-src is that of the EMPTY string: FAST (under the webview
// UI toolkit) appends empty <style> elements and fills them through CSSOM insertRule,
// which CSP permits; any inline style with content stays blocked.
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${EMPTY_STYLE_HASH}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
