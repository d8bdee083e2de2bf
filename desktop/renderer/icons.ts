// A few 16px line icons drawn as inline SVG through the DOM (CSP-safe, theme-coloured).
const PATHS: Record<string, string> = {
  registry: 'M2 4.5 8 2l6 2.5v7L8 14l-6-2.5z M2 4.5 8 7l6-2.5 M8 7v7',
  repo: 'M3 2.5h8.5l1.5 1.5v9.5H3z M5.5 5.5h5 M5.5 8h5 M5.5 10.5h3',
  tag: 'M2.5 2.5h5.5l5.5 5.5-5.5 5.5-5.5-5.5z M5.5 5.5h.01',
  local: 'M2 3.5h12v7H2z M5.5 13.5h5 M8 10.5v3',
  key: 'M10 2.5a3.5 3.5 0 1 1-2.9 5.4L2.5 12.5v1.5H5v-1.5h1.5V11H8l.1-1.1A3.5 3.5 0 0 1 10 2.5z M11 5h.01',
  file: 'M4 1.5h5l3.5 3.5v9.5H4z M9 1.5V5h3.5',
  plus: 'M8 3v10 M3 8h10',
  refresh: 'M13 8a5 5 0 1 1-1.5-3.5 M13 2.5v3h-3',
  copy: 'M5.5 5.5h7v8h-7z M3.5 10.5v-8h7',
  trash: 'M3 4.5h10 M6.5 4.5V3h3v1.5 M4.5 4.5l.7 9h5.6l.7-9',
  upload: 'M8 11V3 M4.5 6.5 8 3l3.5 3.5 M3 13.5h10',
  sun: 'M8 5.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z M8 1.5v1.5 M8 13v1.5 M1.5 8H3 M13 8h1.5 M3.4 3.4l1 1 M11.6 11.6l1 1 M3.4 12.6l1-1 M11.6 4.4l1-1',
  moon: 'M12.5 10A5.5 5.5 0 0 1 6 3.5a5.5 5.5 0 1 0 6.5 6.5z',
  back: 'M10 3 5 8l5 5',
  login: 'M9.5 2.5h3.5v11H9.5 M2.5 8h7 M7 5.5 9.5 8 7 10.5',
  logout: 'M6.5 2.5H3v11h3.5 M7 8h7 M11.5 5.5 14 8l-2.5 2.5',
  check: 'M3 8.5 6.5 12 13 4.5',
  x: 'M4 4l8 8 M12 4l-8 8',
  layers: 'M8 2 14 5 8 8 2 5z M2 8l6 3 6-3 M2 11l6 3 6-3',
  warn: 'M8 2 14.5 13.5h-13z M8 6.5v3.5 M8 12h.01',
  save: 'M3 2.5h8l2 2v9H3z M5.5 2.5v3h4.5v-3 M5 13.5v-4h6v4',
  folder: 'M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z',
  search: 'M7 2.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9z M10.5 10.5 14 14',
  lightbulb: 'M8 1.5a4.5 4.5 0 0 1 2.5 8.2V11.5h-5V9.7A4.5 4.5 0 0 1 8 1.5z M6 13.5h4',
};

export function icon(name: keyof typeof PATHS | string, cls = ''): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `dh-icon ${cls}`.trim());
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', PATHS[name] ?? PATHS.file);
  svg.appendChild(path);
  return svg;
}
