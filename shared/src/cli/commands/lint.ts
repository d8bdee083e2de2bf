// `dockhand lint FILE... [--target 2.8|2.8-debian|3.0|3.1|3] [--env-file F] [--compose F] [--no-files] [--format text|json]`:
// lint registry config.yml files; exit 1 when any error is found, 2 when the linter itself
// failed (an internal error: the file was not fully checked).
// `dockhand lint --migrate 3.0|3.1 FILE`: print FILE rewritten for registry 3.x (see
// config/migrate.ts); exit 1 when the result still has errors for that target (listed on stderr).
import { readFile } from 'node:fs/promises';
import { readFileCapped } from '../../config/read-config-file';
import { dirname } from 'node:path';
import { nodeFileChecker } from '../../config/files/node-file-checker';
import { composeMounts, nearbyComposeMounts, type Mount } from '../../config/files/compose-mounts';
import { localPortNames } from '../../config/files/services';
import { migrateConfig } from '../../config/migrate';
import { decodeConfigBytes } from '../../config/source-text';
import { UsageError, printJson, type Command } from '../command';
import { lintConfig } from '../../config/index';
import { parseEnvText } from '../../config/env-file';
import type { LintResult, TargetName } from '../../config/types';

export const lintCommand: Command = {
  name: 'lint',
  summary: "Check registry config.yml files against the registry's real rules",
  usage:
    'dockhand lint FILE... [--target 2.8|2.8-debian|3.0|3.1|3] [--env-file F] [--compose F] [--no-files] [--format text|json]  |  dockhand lint --migrate 3.0|3.1 FILE',
  options: {
    target: { type: 'string' },
    'env-file': { type: 'string', multiple: true },
    compose: { type: 'string' },
    'no-files': { type: 'boolean' },
    migrate: { type: 'string' },
    format: { type: 'string' },
  },
  async run(args, ctx) {
    if (!args.positionals.length) throw new UsageError('give at least one config file');
    const target = (args.values.target as string | undefined) ?? 'auto';
    if (!['2.8', '2.8-debian', '3', '3.0', '3.1', 'auto'].includes(target))
      throw new UsageError(`--target must be 2.8, 2.8-debian, 3.0, 3.1 or 3 (= 3.1), not ${target}`);
    const format = (args.values.format as string | undefined) ?? 'text';
    if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not ${format}`);
    const migrate = args.values.migrate as string | undefined;
    if (migrate !== undefined) {
      if (migrate !== '3.0' && migrate !== '3.1') throw new UsageError(`--migrate must be 3.0 or 3.1, not ${migrate}`);
      if (args.positionals.length !== 1) throw new UsageError('--migrate takes exactly one config file');
      const file = args.positionals[0];
      let text: string;
      try {
        text = decodeConfigBytes(await readFileCapped(file)).text;
      } catch (err) {
        throw new Error(`cannot read ${file}: ${(err as Error).message}`);
      }
      const m = migrateConfig(text, migrate);
      if (m.error) throw new Error(`cannot migrate ${file}: ${m.error}`);
      const left = lintConfig(m.text, { target: migrate }).diagnostics.filter((d) => d.severity === 'error');
      if (format === 'json') printJson(ctx, { file, target: migrate, text: m.text, changes: m.changes, errors: left });
      else {
        ctx.stdout.write(m.text);
        ctx.stderr.write(`${m.changes.length} change(s) for registry ${migrate}${left.length ? `; ${left.length} error(s) left to fix by hand:` : '.'}\n`);
        for (const d of left) ctx.stderr.write(`  line ${d.range.start.line + 1}: ${d.code} ${d.message}\n`);
      }
      return left.length ? 1 : 0;
    }
    const env: Record<string, string> = {};
    for (const f of (args.values['env-file'] as string[] | undefined) ?? []) {
      let text: string;
      try {
        text = await readFile(f, 'utf8');
      } catch (err) {
        throw new Error(`cannot read env file ${f}: ${(err as Error).message}`);
      }
      Object.assign(env, parseEnvText(text, f));
    }
    // Files the configs name are read from here; container paths through the compose file's bind mounts.
    let mounts: Mount[] | undefined;
    const compose = args.values.compose as string | undefined;
    if (compose) {
      let text: string;
      try {
        text = new TextDecoder().decode(await readFileCapped(compose, 1024 * 1024));
      } catch (err) {
        throw new Error(`cannot read compose file ${compose}: ${(err as Error).message}`);
      }
      mounts = composeMounts(text, dirname(compose));
      Object.assign(env, parseEnvText(text, compose));
    }
    const checkFiles = !args.values['no-files'];
    const results: { file: string; result?: LintResult; error?: string }[] = [];
    for (const file of args.positionals) {
      try {
        const bytes = await readFileCapped(file);
        const files = checkFiles ? nodeFileChecker({ baseDir: dirname(file), mounts: mounts ?? nearbyComposeMounts(dirname(file)) }) : undefined;
        results.push({
          file,
          result: lintConfig(bytes, {
            target: target as TargetName | 'auto',
            env,
            fileName: file,
            files,
            portNames: checkFiles ? localPortNames() : undefined,
          }),
        });
      } catch (err) {
        results.push({ file, error: `cannot read ${file}: ${(err as Error).message}` });
      }
    }
    if (format === 'json') {
      printJson(
        ctx,
        results.map((r) =>
          r.error
            ? { file: r.file, error: r.error }
            : { file: r.file, version: r.result!.version, target: r.result!.target, diagnostics: r.result!.diagnostics },
        ),
      );
    }
    for (const r of results) {
      if (r.error) {
        if (format === 'text') ctx.stderr.write(`${r.error}\n`);
        continue;
      }
      for (const d of r.result!.diagnostics) {
        if (format === 'text') ctx.stdout.write(`${r.file}:${d.range.start.line + 1}:${d.range.start.col + 1} ${d.severity} ${d.code} ${d.message}\n`);
      }
    }
    const code = lintExitCode(results);
    if (code === 2)
      ctx.stderr.write('dockhand lint: internal error in the linter (a bug in Dockhand, not in your file): the file was not fully checked. Exit code 2.\n');
    return code;
  },
};

/** 2 when the linter failed internally on any file, else 1 when a file had an error or could not be read, else 0. */
export function lintExitCode(results: { error?: string; result?: Pick<LintResult, 'diagnostics'> }[]): 0 | 1 | 2 {
  if (results.some((r) => r.result?.diagnostics.some((d) => d.code === 'internal-error'))) return 2;
  return results.some((r) => r.error || r.result?.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
