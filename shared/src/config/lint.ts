// lintConfig: bytes/text -> parse -> version -> REGISTRY_* overrides -> schema walk -> rules.
import { LineIndex } from './line-index';
import { parseYaml } from './yaml-tree';
import { RuleContext } from './rule-context';
import { decode } from './decode';
import { rootField } from './spec/config-spec';
import { rules } from './rules/index';
import { detectVersion, targetComment } from './version-detect';
import { applyEnv } from './env-overrides';
import { characterProblem, decodeConfigBytes, parserText, type SourceError } from './source-text';
import { MAX_DIAGNOSTICS_PER_SEVERITY, MAX_LINT_CHARS, clip } from './limits';
import type { Diagnostic, LintOptions, LintResult, TargetName, TargetVersion } from './types';

/**
 * Lint a config given as text (as an editor holds it) or as the file's bytes (decoded as
 * the registry's YAML reader decodes them: BOMs, UTF-16, invalid UTF-8). Never throws; a
 * failure of the linter itself is an `internal-error` diagnostic (severity error).
 */
export function lintConfig(input: string | Uint8Array, options: LintOptions = {}): LintResult {
  let text: string;
  let sourceError: SourceError | undefined;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_LINT_CHARS * 2) return tooLarge(input.length, 'bytes');
    const src = decodeConfigBytes(input);
    text = src.text;
    sourceError = src.error;
  } else {
    text = typeof input === 'string' ? input : String(input ?? '');
    if (text.length > MAX_LINT_CHARS) return tooLarge(text.length, 'characters');
    sourceError = characterProblem(text);
  }
  const lines = new LineIndex(text);
  let version: TargetVersion = '3';
  let versionSource: LintResult['versionSource'] = 'default';
  let ctx: RuleContext | undefined;
  try {
    const src = lines.text;
    const parsed = parseYaml(parserText(src));
    let target: TargetName | undefined = options.target && options.target !== 'auto' ? options.target : undefined;
    if (target) versionSource = 'target';
    else if ((target = targetComment(src))) versionSource = 'detected';
    else if (parsed.root) {
      const d = detectVersion(src, parsed.root);
      target = d.version;
      versionSource = d.source;
    }
    version = target?.startsWith('2.8') ? '2.8' : '3';
    const head: Diagnostic[] = [];
    if (sourceError) {
      const at = Math.min(sourceError.offset, src.length);
      head.push({
        code: 'yaml-encoding',
        severity: 'error',
        message: `yaml: ${sourceError.message}: the registry refuses to start. Save the file as UTF-8 without control characters.`,
        range: lines.range(at, Math.min(at + 1, src.length)),
      });
    }
    if (parsed.error) {
      const at = Math.min(parsed.error.offset, src.length);
      const lineEnd = src.indexOf('\n', at);
      const end = Math.max(at + 1, lineEnd < 0 ? src.length : lineEnd);
      return finish(
        [
          ...head,
          {
            code: 'yaml-syntax',
            severity: 'error',
            message: `YAML syntax error: ${clip(parsed.error.message, 300)}. The registry refuses to start.`,
            range: lines.range(at, Math.min(end, src.length)),
          },
        ],
        version,
        versionSource,
      );
    }
    ctx = new RuleContext(src, lines, version, parsed.root);
    ctx.release = target === '2.8-debian' || target === '2.8' ? '2.8' : target === '3.0' ? '3.0' : version === '2.8' ? '2.8' : '3.1';
    ctx.debian = target === '2.8-debian';
    for (const d of head) ctx.diagnostics.push(d);
    for (const a of parsed.unknownAliases)
      ctx.report({
        code: 'unknown-anchor',
        severity: 'error',
        message: `Unknown anchor '${clip(a.name)}' referenced: the registry refuses to start.`,
        node: a,
      });
    for (const m of parsed.mergeErrors) ctx.report({ code: 'yaml-merge', severity: m.severity, message: m.message, node: m.node });
    const env = applyEnv(ctx, options.env ?? {});
    const effective = new RuleContext(src, lines, version, env.root);
    effective.adopt(ctx);
    effective.sameTarget(ctx);
    effective.files = options.files;
    effective.portNames = options.portNames;
    ctx = effective;
    decode(effective, rootField);
    for (const rule of rules) rule.check(effective);
    return { ...finish(effective.diagnostics, version, versionSource, effective.dropped), target: effective.debian ? '2.8-debian' : effective.release };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return finish(
      [
        {
          code: 'internal-error',
          severity: 'error',
          message: `Internal error in Dockhand's linter (a bug, not a problem in this file): ${clip(why, 300)}. The file was not fully checked; please report it.`,
          range: lines.range(0, 0),
        },
      ],
      version,
      versionSource,
    );
  }
}

function tooLarge(size: number, unit: string): LintResult {
  const zero = { line: 0, col: 0, offset: 0 };
  return {
    diagnostics: [
      {
        code: 'lint-too-large',
        severity: 'error',
        message: `This file has ${size} ${unit}: Dockhand lints files up to ${MAX_LINT_CHARS / 1024 / 1024} MiB (a registry config is a few KB). Nothing was checked.`,
        range: { start: zero, end: zero },
      },
    ],
    version: '3',
    versionSource: 'default',
  };
}

function finish(
  diags: Diagnostic[],
  version: TargetVersion,
  versionSource: LintResult['versionSource'],
  dropped?: Record<'error' | 'warning' | 'info', number>,
): LintResult {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const key = `${d.code}|${d.range.start.offset}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  out.sort((a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
  const more = dropped ? dropped.error + dropped.warning + dropped.info : 0;
  if (dropped && more) {
    const zero = { line: 0, col: 0, offset: 0 };
    const parts = (['error', 'warning', 'info'] as const).filter((s) => dropped[s]).map((s) => `${dropped[s]} ${s}${dropped[s] > 1 ? 's' : ''}`);
    out.push({
      code: 'lint-truncated',
      severity: dropped.error ? 'error' : dropped.warning ? 'warning' : 'info',
      message: `${more} more problems not shown (${parts.join(', ')}): Dockhand shows the first ${MAX_DIAGNOSTICS_PER_SEVERITY} of each severity.`,
      range: { start: zero, end: zero },
    });
  }
  return { diagnostics: out, version, versionSource };
}
