// config:* — the registry config editor's backend: open and save a config.yml (only files
// the user picked, named or opened before: ../config-files.ts), lint it with the shared
// linter (positions turned into offsets + 1-based line/column), hover docs.
import { getCompletions, getHoverDoc, lintConfig } from '@dockhand/shared/config';
import type { ConfigDiagnosticInfo, ConfigLintReport, ConfigTarget, ConfigVersion, DockhandApi } from '../../common';
import type { MainContext } from '../main-context';

function version(v: unknown): ConfigVersion {
  return v === '3' ? '3' : '2.8';
}

export function lintToInfo(text: string, v: ConfigVersion): ConfigDiagnosticInfo[] {
  return lintReport(text, v).diagnostics;
}

/** Lint with the version chosen or, for 'auto', detected as the extension and the CLI do; fixes as offsets. */
export function lintReport(text: string, target: ConfigTarget): ConfigLintReport {
  const result = lintConfig(String(text ?? ''), { target });
  const diagnostics = result.diagnostics.map((d): ConfigDiagnosticInfo => ({
    severity: d.severity,
    message: d.message,
    code: d.code,
    from: d.range.start.offset,
    to: d.range.end.offset,
    line: d.range.start.line + 1,
    column: d.range.start.col + 1,
    ...(d.fix
      ? { fix: { title: d.fix.title, edits: d.fix.edits.map((e) => ({ from: e.range.start.offset, to: e.range.end.offset, insert: e.newText })) } }
      : {}),
  }));
  return { diagnostics, version: result.version, versionSource: result.versionSource };
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
      return lintReport(String(text ?? ''), target === '2.8' || target === '3' ? target : 'auto');
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
  };
}
