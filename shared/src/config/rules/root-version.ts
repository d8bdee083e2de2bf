// The document must be a mapping with `version: 0.1` (configuration/parser.go, pass 1).
import type { RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { insertAtTop } from '../fixes';
import type { Rule } from './rule';

export const rootVersionRule: Rule = {
  codes: ['root-not-mapping', 'version-missing', 'version-unsupported'],
  check(ctx: RuleContext) {
    const root = deref(ctx.root);
    const isNull = !root || (root.kind === 'scalar' && root.style === 1 && ['', '~', 'null', 'Null', 'NULL'].includes(root.value));
    if (root && !isNull && root.kind !== 'map') {
      ctx.report({
        code: 'root-not-mapping',
        severity: 'error',
        message: 'The configuration must be a YAML mapping (key: value pairs): the registry refuses to start.',
        node: root,
      });
      return;
    }
    const pair = ctx.get(['version']);
    if (!pair || isNullish(pair.value)) {
      ctx.report({
        code: 'version-missing',
        severity: 'error',
        message: 'Missing `version: 0.1`: the registry refuses to start (unsupported version: "").',
        node: pair?.key,
        fix: pair
          ? ctx.replace(
              pair.value.start === pair.key.end ? pair.key : pair.value,
              pair.value.start === pair.key.end ? 'version: 0.1' : '0.1',
              'Set version: 0.1',
            )
          : insertAtTop(ctx, 'version: 0.1\n', 'Add version: 0.1'),
      });
      return;
    }
    const v = deref(pair.value);
    if (!v || v.kind !== 'scalar') return; // type-mismatch from the schema walk
    const text = v.value;
    if (text === '0.1') return;
    const parts = text.split('.');
    const panics = /^[0-9]+$/.test(parts[0]) && parts.length === 1;
    ctx.report({
      code: 'version-unsupported',
      severity: 'error',
      message: panics
        ? `version: ${text} makes the registry crash (it expects MAJOR.MINOR); use 0.1.`
        : `Unsupported version "${text}": the only configuration version is 0.1 (it is not the registry's release number).`,
      node: v,
      fix: ctx.replace(v, '0.1', 'Set version: 0.1'),
    });
  },
};

function isNullish(n: Parameters<typeof deref>[0]): boolean {
  const v = deref(n);
  return !v || (v.kind === 'scalar' && v.style === 1 && ['', '~', 'null', 'Null', 'NULL'].includes(v.value));
}
