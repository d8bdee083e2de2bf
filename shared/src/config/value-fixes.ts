// Fixes that replace a scalar value: one of a fixed set of values (the closest or the
// default first), and the value a wrongly typed parameter most likely meant.
import type { RuleContext } from './rule-context';
import type { GoType } from './spec/spec-types';
import type { Fix } from './types';
import { deref, type YNode } from './yaml-tree';

/** "Change to X" for each allowed value, `first` (a close match or the default) first. */
export function choiceFixes(ctx: RuleContext, node: YNode, values: readonly string[], first?: string): Fix[] {
  const ordered = first && values.includes(first) ? [first, ...values.filter((v) => v !== first)] : [...values];
  return ordered
    .slice(0, 12)
    .map((v) => ctx.replace(node, /^[\w.-]+$/.test(v) ? v : JSON.stringify(v), `Change to ${v}`))
    .filter((f): f is Fix => f !== undefined);
}

/** A bool parameter written as `yes`, `"true"`, `1`: true or false (the one it most likely meant first); an int written as `30.5` or `"40"`: the integer. */
export function paramTypeFixes(ctx: RuleContext, node: YNode, t: GoType): Fix[] {
  const n = deref(node);
  const text = n && n.kind === 'scalar' ? n.value.trim().toLowerCase() : undefined;
  if (t.t === 'bool') {
    const meantFalse = text !== undefined && /^(false|no|n|off|0|disabled?)$/.test(text);
    return choiceFixes(ctx, node, ['true', 'false'], meantFalse ? 'false' : 'true');
  }
  if (t.t === 'int' && text !== undefined && /^-?\d+(\.\d+)?$/.test(text)) {
    const v = String(Math.round(Number(text)));
    return choiceFixes(ctx, node, [v]);
  }
  return [];
}

/** A list of fixes as a report's { fix, alternatives }. */
export function firstAndRest(fixes: Fix[]): { fix?: Fix; alternatives?: Fix[] } {
  const [fix, ...alternatives] = fixes;
  return fix ? { fix, alternatives } : {};
}
