// config:* — the registry config editor's backend: open and save a config.yml (only files
// the user picked, named or opened before: ../config-files.ts), lint it with the shared
// linter (positions turned into offsets + 1-based line/column), hover docs.
import { fixesForDiagnostic, getCompletions, getHoverDoc, lintConfig, lintTargetLabel, migrationFix, type ConfigFix } from '@dockhand/shared/config';
import type { ConfigDiagnosticInfo, ConfigFixInfo, ConfigLintReport, ConfigTarget, ConfigVersion, DockhandApi } from '../../common';
import type { MainContext } from '../main-context';

function version(v: unknown): ConfigVersion {
  return v === '3' ? '3' : '2.8';
}

export function lintToInfo(text: string, v: ConfigVersion): ConfigDiagnosticInfo[] {
  return lintReport(text, v).diagnostics;
}

const TARGETS: readonly ConfigTarget[] = ['2.8', '2.8-debian', '3.0', '3.1', '3'];

/** shared's fix (offset + length) as the renderer's { from, to, insert }. */
function fixInfo(f: ConfigFix): ConfigFixInfo {
  return { title: f.title, edits: f.edits.map((e) => ({ from: e.offset, to: e.offset + e.length, insert: e.newText })) };
}

/** Lint with the version chosen or, for 'auto', detected as the extension and the CLI do; every fix as offsets. */
export function lintReport(text: string, target: ConfigTarget): ConfigLintReport {
  const result = lintConfig(String(text ?? ''), { target });
  const diagnostics = result.diagnostics.map((d): ConfigDiagnosticInfo => {
    const fixes = fixesForDiagnostic(d).map(fixInfo);
    return {
      severity: d.severity,
      message: d.message,
      code: d.code,
      from: d.range.start.offset,
      to: d.range.end.offset,
      line: d.range.start.line + 1,
      column: d.range.start.col + 1,
      ...(fixes.length ? { fix: fixes[0], fixes } : {}),
    };
  });
  const label = lintTargetLabel(result);
  return { diagnostics, version: result.version, versionSource: result.versionSource, target: label.version, label: { text: label.text, why: label.why } };
}

export function configHandlers(ctx: MainContext): DockhandApi['config'] {
  return {
    async pick() {
      const picked = ctx.pickFile ? await ctx.pickFile() : undefined;
      if (!picked) return undefined;
      const abs = ctx.configFiles.absolute(picked);
      await ctx.configFiles.remember(abs); // picked in the native dialog: the user's own choice
      return abs;
    },
    async open(path) {
      return ctx.configFiles.read(String(path ?? ''));
    },
    async lint(text, v) {
      return lintToInfo(String(text ?? ''), version(v));
    },
    async lintReport(text, target) {
      return lintReport(String(text ?? ''), TARGETS.includes(target) ? target : 'auto');
    },
    async hover(text, offset, v) {
      const doc = getHoverDoc(String(text ?? ''), Number(offset) || 0, version(v));
      if (!doc) return null;
      const extra: string[] = [];
      const said = (word: string) => new RegExp(`\\b${word}\\b`, 'i').test(doc.description);
      if (doc.enum?.length && !said('allowed|one of')) extra.push(`Allowed: ${doc.enum.map((e) => JSON.stringify(e)).join(', ')}`);
      if (doc.default !== undefined && !said('default')) extra.push(`Default: ${JSON.stringify(doc.default)}`);
      return { path: doc.path, text: [doc.description, ...extra].filter(Boolean).join('\n'), from: doc.range.start.offset, to: doc.range.end.offset };
    },
    async complete(text, offset, v) {
      return getCompletions(String(text ?? ''), Number(offset) || 0, version(v))
        .slice(0, 200)
        .map((c) => ({ label: c.label, kind: c.kind, detail: c.detail, documentation: c.documentation, insertText: c.insertText }));
    },
    async save(path, text, v) {
      const body = String(text ?? '');
      const abs = await ctx.configFiles.write(String(path ?? ''), body);
      const diags = lintToInfo(body, version(v));
      return { path: abs, errors: diags.filter((d) => d.severity === 'error').length, warnings: diags.filter((d) => d.severity === 'warning').length };
    },
    async migrate(text, to) {
      const m = migrationFix(String(text ?? ''), to === '3.0' ? '3.0' : '3.1');
      return m ? { ...fixInfo(m), to: to === '3.0' ? '3.0' : '3.1', changes: m.changes } : null;
    },
  };
}
