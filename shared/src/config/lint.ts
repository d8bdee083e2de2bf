// lintConfig: parse -> version -> REGISTRY_* overrides -> schema walk -> rules.
import { LineIndex } from './line-index';
import { parseYaml } from './yaml-tree';
import { RuleContext } from './rule-context';
import { decode } from './decode';
import { rootField } from './spec/config-spec';
import { rules } from './rules/index';
import { detectVersion } from './version-detect';
import { applyEnv } from './env-overrides';
import type { Diagnostic, LintOptions, LintResult, TargetVersion } from './types';

export function lintConfig(text: string, options: LintOptions = {}): LintResult {
  const lines = new LineIndex(typeof text === 'string' ? text : String(text ?? ''));
  let version: TargetVersion = '3';
  let versionSource: LintResult['versionSource'] = 'default';
  try {
    const src = lines.text;
    const parsed = parseYaml(src);
    if (options.target && options.target !== 'auto') {
      version = options.target;
      versionSource = 'target';
    } else if (parsed.root) {
      const d = detectVersion(src, parsed.root);
      version = d.version;
      versionSource = d.source;
    }
    if (parsed.error) {
      const at = Math.min(parsed.error.offset, src.length);
      const lineEnd = src.indexOf('\n', at);
      const end = Math.max(at + 1, lineEnd < 0 ? src.length : lineEnd);
      return finish([{ code: 'yaml-syntax', severity: 'error', message: `YAML syntax error: ${parsed.error.message}. The registry refuses to start.`, range: lines.range(at, Math.min(end, src.length)) }], version, versionSource);
    }
    const ctx = new RuleContext(src, lines, version, parsed.root);
    for (const a of parsed.unknownAliases) ctx.report({ code: 'unknown-anchor', severity: 'error', message: `Unknown anchor '${a.name}' referenced: the registry refuses to start.`, node: a });
    const env = applyEnv(ctx, options.env ?? {});
    const effective = new RuleContext(src, lines, version, env.root);
    effective.diagnostics.push(...ctx.diagnostics);
    decode(effective, rootField);
    for (const rule of rules) rule.check(effective);
    return finish(effective.diagnostics, version, versionSource);
  } catch (err) {
    return finish([{ code: 'internal-error', severity: 'warning', message: `Dockhand's linter failed on this file: ${(err as Error)?.message ?? String(err)}`, range: lines.range(0, 0) }], version, versionSource);
  }
}

function finish(diags: Diagnostic[], version: TargetVersion, versionSource: LintResult['versionSource']): LintResult {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const key = `${d.code}|${d.range.start.offset}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  out.sort((a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
  return { diagnostics: out, version, versionSource };
}
