// config:* — the registry config editor's backend: open and save a config.yml, lint it
// with the shared linter (positions turned into offsets + 1-based line/column), hover docs.
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { getCompletions, getHoverDoc, lintConfig } from '@dockhand/shared/config/index';
import type { ConfigDiagnosticInfo, ConfigLintReport, ConfigTarget, ConfigVersion, DockhandApi } from '../../preload/api';
import type { MainContext } from '../main-context';
import { BadInputError } from '../bad-input';

const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

function checkPath(path: unknown, ctx: MainContext): string {
  const p = String(path ?? '').trim();
  if (!p) throw new BadInputError('Enter the path of a config.yml.');
  const abs = isAbsolute(p) ? p : resolve(ctx.env.HOME ?? process.cwd(), p);
  if (!/\.ya?ml$/i.test(abs)) throw new BadInputError(`${abs} is not a .yml or .yaml file; the editor only opens registry config files.`);
  return abs;
}

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
    ...(d.fix ? { fix: { title: d.fix.title, edits: d.fix.edits.map((e) => ({ from: e.range.start.offset, to: e.range.end.offset, insert: e.newText })) } } : {}),
  }));
  return { diagnostics, version: result.version, versionSource: result.versionSource };
}

export function configHandlers(ctx: MainContext): DockhandApi['config'] {
  return {
    pick: async () => (ctx.pickFile ? ctx.pickFile() : undefined),
    async open(path) {
      const abs = checkPath(path, ctx);
      let info;
      try { info = await stat(abs); } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw Object.assign(new Error(code === 'ENOENT' ? `${abs} does not exist. Check the path (the registry's default is /etc/docker/registry/config.yml).` : `Cannot open ${abs}: ${(err as Error).message}`), { name: 'FileError', code });
      }
      if (!info.isFile()) throw Object.assign(new Error(`${abs} is not a file.`), { name: 'FileError' });
      if (info.size > MAX_CONFIG_BYTES) throw Object.assign(new Error(`${abs} is ${info.size} bytes; a registry config over 2 MB is not supported.`), { name: 'FileError' });
      return { path: abs, text: await readFile(abs, 'utf8') };
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
      return getCompletions(String(text ?? ''), Number(offset) || 0, version(v)).slice(0, 200)
        .map((c) => ({ label: c.label, kind: c.kind, detail: c.detail, documentation: c.documentation, insertText: c.insertText }));
    },
    async save(path, text, v) {
      const abs = checkPath(path, ctx);
      const body = String(text ?? '');
      if (Buffer.byteLength(body) > MAX_CONFIG_BYTES) throw new BadInputError('The config is over 2 MB; not saved.');
      let mode = 0o644;
      try { mode = (await stat(abs)).mode & 0o777; } catch { /* new file */ }
      const tmp = `${abs}.dockhand-${process.pid}.tmp`;
      await writeFile(tmp, body, { mode });
      await rename(tmp, abs);
      const diags = lintToInfo(body, version(v));
      return { path: abs, errors: diags.filter((d) => d.severity === 'error').length, warnings: diags.filter((d) => d.severity === 'warning').length };
    },
  };
}
