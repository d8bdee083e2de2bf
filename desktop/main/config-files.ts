// Which registry config files the config editor may read and write, and reading and
// writing them safely.
//
// A path the renderer (or the served-mode API) names is not enough: only files the user
// picked in the native dialog, named when starting the app (`--config FILE`, or
// DOCKHAND_DESKTOP_CONFIG, the editor's default), or opened/saved before (remembered in
// config-files.json in the state folder) are allowed. In Electron, another typed path is
// confirmed through the native dialog first (`confirm`); in served mode it is refused with
// how to allow it.
//
// A symlink is followed only to a .yml/.yaml file; the file read is opened without following
// a link swapped in meanwhile, must be a regular file and is size-capped. Saving writes an
// unpredictable temp file created exclusively beside the real file, then renames it; a new
// file gets mode 0600, an existing one keeps its mode.
import { lstat, mkdir, open, readFile, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { writeExclusiveThenRename } from '@dockhand/shared/files';
import { BadInputError } from './bad-input';

export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;
const REMEMBER_AT_MOST = 50;
const YAML = /\.ya?ml$/i;

export type ConfirmFile = (path: string, purpose: 'open' | 'save') => Promise<string | undefined>;

export interface ConfigFileOptions {
  stateDir: string;
  home: string;
  /** Paths the user named outside the renderer (command line, environment). */
  trusted: string[];
  /** Electron: ask the user (native dialog) about a path that is not allowed yet; the answer is the path to use. */
  confirm?: ConfirmFile;
}

export class FileAccessError extends Error {
  override name = 'FileAccessError';
}

export class ConfigFiles {
  private remembered?: Set<string>;
  private readonly trusted: Set<string>;

  constructor(private readonly opts: ConfigFileOptions) {
    this.trusted = new Set(opts.trusted.map((p) => this.absolute(p)));
  }

  private get stateFile(): string {
    return join(this.opts.stateDir, 'config-files.json');
  }

  /** The absolute form of what was typed (relative to the home folder), which must name a .yml/.yaml file. */
  absolute(path: string): string {
    const p = String(path ?? '').trim();
    if (!p) throw new BadInputError('Enter the path of a config.yml.');
    const abs = isAbsolute(p) ? resolve(p) : resolve(this.opts.home, p);
    if (!YAML.test(abs)) throw new BadInputError(`${abs} is not a .yml or .yaml file; the editor only opens registry config files.`);
    return abs;
  }

  private async loadRemembered(): Promise<Set<string>> {
    if (!this.remembered) {
      let list: unknown = [];
      try {
        list = (JSON.parse(await readFile(this.stateFile, 'utf8')) as { files?: unknown }).files;
      } catch {
        /* none yet, or unreadable: start empty */
      }
      this.remembered = new Set(Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string' && isAbsolute(f) && YAML.test(f)) : []);
    }
    return this.remembered;
  }

  /** Allow `abs` from now on (the user picked, opened or saved it). */
  async remember(abs: string): Promise<void> {
    const set = await this.loadRemembered();
    set.delete(abs);
    set.add(abs);
    const files = [...set].slice(-REMEMBER_AT_MOST);
    this.remembered = new Set(files);
    await mkdir(this.opts.stateDir, { recursive: true, mode: 0o700 });
    await writeExclusiveThenRename(this.stateFile, JSON.stringify({ files }, null, 2) + '\n', 0o600);
  }

  /** The absolute path to use for `path`: allowed already, or confirmed by the user (Electron); else refused. */
  async allowed(path: string, purpose: 'open' | 'save'): Promise<string> {
    const abs = this.absolute(path);
    if (this.trusted.has(abs) || (await this.loadRemembered()).has(abs)) return abs;
    if (this.opts.confirm) {
      const chosen = await this.opts.confirm(abs, purpose);
      if (!chosen) throw new FileAccessError(`${abs} was not ${purpose === 'open' ? 'opened' : 'saved'}: the dialog was cancelled.`);
      const confirmed = this.absolute(chosen);
      await this.remember(confirmed);
      return confirmed;
    }
    throw new FileAccessError(
      `${abs} was not picked or opened before, so the served mode does not ${purpose} it (a page must not read or write any file it names). ` +
        `Start the served mode with \`--config ${abs}\` (or set DOCKHAND_DESKTOP_CONFIG), then open it again.`,
    );
  }

  /** Where the content of `abs` really lives: `abs`, or the .yml/.yaml file a symlink points to (a link to anything else is refused). */
  private async target(abs: string, mustExist: boolean): Promise<string | undefined> {
    let info;
    try {
      info = await lstat(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return undefined;
      const code = (err as NodeJS.ErrnoException).code;
      throw new FileAccessError(
        code === 'ENOENT'
          ? `${abs} does not exist. Check the path (the registry's default is /etc/docker/registry/config.yml).`
          : `Cannot open ${abs}: ${code ?? (err as Error).message}`,
      );
    }
    if (!info.isSymbolicLink()) {
      if (!info.isFile()) throw new FileAccessError(`${abs} is not a file.`);
      return abs;
    }
    let real: string;
    try {
      real = await realpath(abs);
    } catch {
      throw new FileAccessError(`${abs} is a symbolic link to nothing that exists.`);
    }
    if (!YAML.test(real)) throw new FileAccessError(`${abs} is a symbolic link to ${real}, which is not a .yml or .yaml file; the editor does not follow it.`);
    if (!(await stat(real)).isFile()) throw new FileAccessError(`${abs} is a symbolic link to ${real}, which is not a file.`);
    return real;
  }

  /** Read an allowed config file (capped at 2 MB). */
  async read(path: string): Promise<{ path: string; text: string }> {
    const abs = await this.allowed(path, 'open');
    const real = (await this.target(abs, true))!;
    let fh;
    try {
      fh = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (err) {
      throw new FileAccessError(
        `Cannot open ${abs}: ${(err as NodeJS.ErrnoException).code === 'ELOOP' ? 'it was replaced by a symbolic link' : ((err as NodeJS.ErrnoException).code ?? (err as Error).message)}.`,
      );
    }
    try {
      const info = await fh.stat();
      if (!info.isFile()) throw new FileAccessError(`${abs} is not a file.`);
      if (info.size > MAX_CONFIG_BYTES) throw new FileAccessError(`${abs} is ${info.size} bytes; a registry config over 2 MB is not supported.`);
      const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
      let n = 0;
      for (;;) {
        const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
        if (!bytesRead) break;
        n += bytesRead;
        if (n > MAX_CONFIG_BYTES) throw new FileAccessError(`${abs} is over 2 MB; a registry config that large is not supported.`);
      }
      await this.remember(abs);
      return { path: abs, text: buf.subarray(0, n).toString('utf8') };
    } finally {
      await fh.close();
    }
  }

  /** Write an allowed config file: exclusive temp beside the real file, then rename; new files 0600. */
  async write(path: string, text: string): Promise<string> {
    if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw new BadInputError('The config is over 2 MB; not saved.');
    const abs = await this.allowed(path, 'save');
    const real = (await this.target(abs, false)) ?? abs;
    let mode = 0o600;
    try {
      mode = (await stat(real)).mode & 0o777;
    } catch {
      /* a new file */
    }
    try {
      await writeExclusiveThenRename(real, text, mode);
    } catch (err) {
      throw new FileAccessError(`${abs} was not saved (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the file is as it was.`);
    }
    await this.remember(abs);
    return abs;
  }
}
