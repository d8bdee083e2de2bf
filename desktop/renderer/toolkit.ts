// Registers the @vscode/webview-ui-toolkit components used by the renderer, and small
// typed accessors for them. Outside VS Code they read the --vscode-* variables that
// media/theme.css defines on body.dh-standalone (light and dark).
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodePanels,
  vsCodePanelTab,
  vsCodePanelView,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { h, type Child } from './dom';

provideVSCodeDesignSystem().register(
  vsCodeBadge(),
  vsCodeButton(),
  vsCodeCheckbox(),
  vsCodeDivider(),
  vsCodeDropdown(),
  vsCodeOption(),
  vsCodePanels(),
  vsCodePanelTab(),
  vsCodePanelView(),
  vsCodeProgressRing(),
  vsCodeTextField(),
);

/**
 * Name a toolkit control for assistive technology. The toolkit's text field and checkbox
 * overwrite aria-label with their text content or a generic "Text field" when they connect
 * (so every field was announced as "Text field"); the name given here is put back.
 */
export function setAccessibleName(el: HTMLElement, name: string): void {
  el.dataset.ariaLabel = name;
  el.setAttribute('aria-label', name);
  new MutationObserver(() => {
    if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
  }).observe(el, { attributes: true, attributeFilter: ['aria-label'] });
}

export interface ValueElement extends HTMLElement {
  value: string;
}
export interface CheckedElement extends HTMLElement {
  checked: boolean;
}

export function button(
  label: Child,
  onClick: (ev: Event) => void,
  opts: { appearance?: 'primary' | 'secondary' | 'icon'; id?: string; title?: string; disabled?: boolean; cls?: string } = {},
): HTMLElement {
  // The title names an icon-only button; a button with visible text is named by that text (WCAG 2.5.3).
  const named = opts.appearance === 'icon' ? opts.title : undefined;
  return h(
    'vscode-button',
    {
      appearance: opts.appearance ?? 'primary',
      id: opts.id,
      title: opts.title,
      'aria-label': named,
      class: opts.cls,
      disabled: opts.disabled || undefined,
      onclick: (ev: Event) => {
        if (!(ev.currentTarget as HTMLElement).hasAttribute('disabled')) onClick(ev);
      },
    },
    label,
  );
}

export function textField(opts: {
  id?: string;
  label?: string;
  ariaLabel?: string;
  placeholder?: string;
  value?: string;
  type?: string;
  autofocus?: boolean;
  cls?: string;
  oninput?: (v: string) => void;
}): ValueElement {
  const el = h(
    'vscode-text-field',
    {
      id: opts.id,
      placeholder: opts.placeholder,
      type: opts.type,
      class: opts.cls,
      autofocus: opts.autofocus || undefined,
      oninput: (ev: Event) => opts.oninput?.((ev.target as ValueElement).value),
    },
    opts.label ?? '',
  ) as unknown as ValueElement;
  if (opts.value !== undefined) el.setAttribute('value', opts.value);
  if (opts.ariaLabel) setAccessibleName(el, opts.ariaLabel);
  return el;
}

/** A list's filter box: "Filter <what>" as its placeholder and accessible name; `oninput` gets the text on each key. */
export function filterField(id: string, what: string, oninput: (v: string) => void, cls = 'dh-filter'): ValueElement {
  return textField({ id, placeholder: `Filter ${what}`, ariaLabel: `Filter ${what}`, cls, oninput });
}

export function checkbox(label: string, opts: { id?: string; checked?: boolean } = {}): CheckedElement {
  return h('vscode-checkbox', { id: opts.id, checked: opts.checked || undefined }, label) as unknown as CheckedElement;
}

export function dropdown(
  options: Array<{ value: string; label: string }>,
  opts: { id?: string; value?: string; ariaLabel?: string; onchange?: (v: string) => void } = {},
): ValueElement {
  const el = h(
    'vscode-dropdown',
    { id: opts.id, 'aria-label': opts.ariaLabel, onchange: (ev: Event) => opts.onchange?.((ev.target as ValueElement).value) },
    // The selected *attribute* (defaultSelected) is what the toolkit's dropdown starts from; the property alone is ignored.
    options.map((o) => h('vscode-option', { value: o.value, selected: o.value === opts.value ? '' : undefined }, o.label)),
  ) as unknown as ValueElement;
  return el;
}

export function progressRing(): HTMLElement {
  return h('vscode-progress-ring', { class: 'dh-ring' });
}
