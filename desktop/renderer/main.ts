// Renderer entry point (bundled by desktop/build.mjs to dist/renderer/renderer.js).
import './toolkit';
import { connectBridge } from './bridge';
import { startApp } from './app';
import { h, replace } from './dom';
import { applyTheme, initialTheme } from './theme';
import { errorMessage } from './ui';

applyTheme(initialTheme());
const root = document.getElementById('app')!;
const api = connectBridge();
if (!api) {
  replace(
    root,
    h(
      'div',
      { class: 'dh-welcome' },
      h(
        'div',
        { class: 'dh-welcome-card' },
        h('h1', null, 'Dockhand'),
        h('p', null, 'This page needs the link printed by `npm run serve` (or `npm start`): it carries a one-time #token.'),
      ),
    ),
  );
} else {
  startApp(root, api).then(
    () => {
      document.body.dataset.ready = 'true';
    },
    (err) => {
      replace(
        root,
        h(
          'div',
          { class: 'dh-welcome' },
          h('div', { class: 'dh-welcome-card' }, h('h1', null, 'Dockhand could not start'), h('p', { class: 'dh-error-text' }, errorMessage(err))),
        ),
      );
      document.body.dataset.ready = 'error';
    },
  );
}
