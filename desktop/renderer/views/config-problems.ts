// The config editor's Problems list: one row per diagnostic (click or Enter goes to it), the
// linter's preferred fix as a "Fix: …" button, and "More fixes…" when it offers several
// (e.g. each valid log level), which opens the same menu as Ctrl+. in the editor.
import type { ConfigDiagnosticInfo, ConfigFixInfo } from '../../common';
import { h, replace } from '../dom';
import { icon } from '../icons';

export interface ProblemsHooks {
  reveal(d: ConfigDiagnosticInfo): void;
  fix(d: ConfigDiagnosticInfo, fix: ConfigFixInfo): void;
  moreFixes(d: ConfigDiagnosticInfo): void;
}

export function fixesOf(d: ConfigDiagnosticInfo): ConfigFixInfo[] {
  return d.fixes ?? (d.fix ? [d.fix] : []);
}

export function renderProblems(listHost: HTMLElement, diags: ConfigDiagnosticInfo[], hooks: ProblemsHooks): void {
  const sorted = [...diags].sort((a, b) => a.from - b.from);
  replace(
    listHost,
    sorted.length
      ? sorted.map((d) => {
          const fixes = fixesOf(d);
          return h(
            'div',
            {
              class: `dh-diag ${d.severity}`,
              role: 'listitem',
              dataset: { line: String(d.line), code: d.code ?? '' },
              tabindex: '0',
              title: fixes.length ? `${d.message}\n(Ctrl+. in the editor: quick fixes)` : d.message,
              onclick: () => hooks.reveal(d),
              onkeydown: (ev: KeyboardEvent) => {
                if (ev.target !== ev.currentTarget) return;
                if (ev.key === 'Enter' || ev.key === ' ') {
                  ev.preventDefault();
                  hooks.reveal(d);
                } else if (ev.key === '.' && (ev.ctrlKey || ev.metaKey) && fixes.length) {
                  ev.preventDefault();
                  hooks.moreFixes(d);
                }
              },
            },
            icon(d.severity === 'info' ? 'file' : 'warn', d.severity),
            h('span', { class: 'dh-diag-msg' }, d.message),
            d.code ? h('span', { class: 'dh-diag-code dh-muted' }, d.code) : null,
            h('span', { class: 'dh-diag-pos dh-muted' }, `Ln ${d.line}, Col ${d.column}`),
            fixes.length
              ? h(
                  'span',
                  { class: 'dh-diag-fixes' },
                  h(
                    'button',
                    {
                      class: 'dh-link-button dh-diag-fix',
                      title: fixes[0]!.title,
                      onclick: (ev: Event) => {
                        ev.stopPropagation();
                        hooks.fix(d, fixes[0]!);
                      },
                    },
                    icon('lightbulb'),
                    `Fix: ${fixes[0]!.title}`,
                  ),
                  fixes.length > 1
                    ? h(
                        'button',
                        {
                          class: 'dh-link-button dh-diag-more',
                          onclick: (ev: Event) => {
                            ev.stopPropagation();
                            hooks.moreFixes(d);
                          },
                        },
                        `${fixes.length - 1} more fix${fixes.length === 2 ? '' : 'es'}…`,
                      )
                    : null,
                )
              : null,
          );
        })
      : h('div', { class: 'dh-diag-none dh-muted', role: 'listitem' }, icon('check'), ' No problems found.'),
  );
}
