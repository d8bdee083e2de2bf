// Runs the `dockhand` CLI in-process through its own dispatcher (main) with captured
// output, as the integration tests of the CLI commands do.
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../../shared/src/cli/main';
import { tempDir } from '../../bed/index';

export interface CliResult {
  /** Exit code main() returned. */
  code: number;
  out: string;
  err: string;
}

export interface RunCliOptions {
  /** The whole environment the CLI sees (default: empty). */
  env?: NodeJS.ProcessEnv;
  /** Text on stdin, then end of input (default: empty). */
  stdin?: string;
}

export async function runCli(argv: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([opts.stdin ?? '']), env: opts.env ?? {}, signal: new AbortController().signal });
  return { code, out, err };
}

/** PATH plus a fresh empty HOME and DOCKER_CONFIG: no docker config, no stored credentials. */
export function isolatedCliEnv(prefix = 'dockhand-cli-home'): NodeJS.ProcessEnv {
  const home = tempDir(prefix);
  return { PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: home };
}
