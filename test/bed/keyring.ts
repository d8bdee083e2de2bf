// startKeyring(): a private D-Bus session bus with an unlocked gnome-keyring (Secret
// Service) on it, for keytar and docker-credential-secretservice. startPass(): a private
// GnuPG home and password store for docker-credential-pass.
import { execFile } from 'node:child_process';
import { mkdirSync, chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startProcess, waitFor, logTail, removeTempDir, newBedTag, sweepTagged, BED_TAG_VAR } from './processes';
import { tempDir } from './temp';

export interface KeyringHandle {
  /** DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, HOME (+ XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME). Pass it to child processes. */
  env: {
    DBUS_SESSION_BUS_ADDRESS: string;
    XDG_RUNTIME_DIR: string;
    HOME: string;
    XDG_DATA_HOME: string;
    XDG_CONFIG_HOME: string;
    XDG_CACHE_HOME: string;
  };
  dir: string;
  /**
   * gnome-keyring-daemon exits seen while the bed ran (each was restarted on the same keyring
   * files, unlocked with the same password): e.g. "exited with SIGSEGV at 12:00:01.000Z".
   * Tests print these when they fail, so a daemon crash is told apart from a Dockhand bug.
   */
  deaths(): string[];
  /** SIGKILL the running gnome-keyring-daemon (for tests of what Dockhand does when it is gone); not restarted until restartDaemon(). */
  killDaemon(): Promise<void>;
  /**
   * Start the daemon again on the same keyring files (every stored secret is still there);
   * `locked: true` starts it without the password, as a desktop's D-Bus activation does: the
   * login keyring stays locked.
   */
  restartDaemon(opts?: { locked?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export interface PassHandle {
  /** GNUPGHOME, PASSWORD_STORE_DIR, HOME. */
  env: { GNUPGHOME: string; PASSWORD_STORE_DIR: string; HOME: string };
  /** Fingerprint of the generated (passphrase-less) GnuPG key the store is initialised with. */
  fingerprint: string;
  dir: string;
  stop(): Promise<void>;
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { env, timeout: 60000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`test bed: ${cmd} ${args[0] ?? ''} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
    // A command that exits before reading its stdin (dbus-send) must not crash the test with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

function privateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
  return path;
}

/** Start a D-Bus session bus and an unlocked gnome-keyring-daemon (secrets component) on it. */
export async function startKeyring(): Promise<KeyringHandle> {
  const dir = tempDir('dockhand-keyring');
  const home = privateDir(join(dir, 'home'));
  const runtime = privateDir(join(dir, 'run'));
  const busSocket = join(runtime, 'bus');
  const address = `unix:path=${busSocket}`;
  const env = {
    DBUS_SESSION_BUS_ADDRESS: address,
    XDG_RUNTIME_DIR: runtime,
    HOME: home,
    XDG_DATA_HOME: privateDir(join(home, '.local/share')),
    XDG_CONFIG_HOME: privateDir(join(home, '.config')),
    XDG_CACHE_HOME: privateDir(join(home, '.cache')),
  };
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DISPLAY;
  delete childEnv.WAYLAND_DISPLAY;

  const busLog = join(dir, 'dbus.log');
  // A session bus WITHOUT service activation (no <standard_session_servicedirs/>): a client that
  // asks for org.freedesktop.secrets while our daemon is not (yet, or no longer) there must get an
  // error, not a second gnome-keyring-daemon activated from /usr/share/dbus-1/services with a
  // locked keyring that then owns the name ("another secret service is running").
  const busConfig = join(dir, 'bus.conf');
  writeFileSync(
    busConfig,
    [
      '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">',
      '<busconfig>',
      '  <type>session</type>',
      '  <keep_umask/>',
      `  <listen>${address}</listen>`,
      '  <auth>EXTERNAL</auth>',
      '  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>',
      '</busconfig>',
      '',
    ].join('\n'),
  );
  const bus = startProcess('dbus-daemon', [`--config-file=${busConfig}`, '--nofork', '--nopidfile'], { logFile: busLog, env: childEnv });
  const keyringLog = join(dir, 'gnome-keyring.log');
  const password = randomBytes(12).toString('hex');
  let keyring: ReturnType<typeof startProcess> | undefined;
  let stopping = false;
  const deaths: string[] = [];
  const stopAll = async () => {
    stopping = true;
    await keyring?.stop();
    await bus.stop();
  };
  const nameOwned = async () => {
    const out = await exec(
      'dbus-send',
      [
        '--session',
        '--dest=org.freedesktop.DBus',
        '--type=method_call',
        '--print-reply',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.secrets',
      ],
      childEnv,
    );
    return /boolean true/.test(out) ? true : undefined;
  };
  const secretsOwned = async () => {
    if (!(await nameOwned())) return undefined;
    // Owning the name comes before the login keyring is loaded and unlocked: wait for that too.
    const locked = await exec(
      'dbus-send',
      [
        '--session',
        '--dest=org.freedesktop.secrets',
        '--print-reply',
        '/org/freedesktop/secrets/aliases/default',
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      ],
      childEnv,
    ).catch(() => '');
    return /boolean false/.test(locked) ? true : undefined;
  };
  /** Start the daemon (the keyring files in HOME persist, so a restart keeps every stored secret) and wait until it owns the name. */
  const startDaemon = async (opts: { locked?: boolean } = {}): Promise<void> => {
    const k = opts.locked
      ? startProcess('gnome-keyring-daemon', ['--foreground', '--components=secrets'], { logFile: keyringLog, env: childEnv })
      : startProcess('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { logFile: keyringLog, env: childEnv, stdin: password });
    keyring = k;
    await waitFor(
      opts.locked
        ? 'org.freedesktop.secrets (locked) on the bed D-Bus session'
        : 'an unlocked login keyring (org.freedesktop.secrets) on the bed D-Bus session',
      opts.locked ? nameOwned : secretsOwned,
      { timeoutMs: 30000, intervalMs: 150, abortIf: () => (k.hasExited() ? `gnome-keyring-daemon exited:\n${logTail(keyringLog)}` : undefined) },
    );
    void k.exited.then((how) => {
      if (stopping || keyring !== k) return;
      if (deaths.length >= 3) {
        deaths.push(`gnome-keyring-daemon exited with ${how}; not restarted again (3 restarts already)`);
        return;
      }
      const death = `gnome-keyring-daemon exited with ${how} at ${new Date().toISOString()}`;
      deaths.push(death);
      process.stderr.write(`[test bed] ${death} (log: ${keyringLog}); restarting it\n`);
      startDaemon().catch((err: unknown) => deaths.push(`restart failed: ${(err as Error).message}`));
    });
  };
  try {
    await waitFor(`D-Bus session bus at ${busSocket}`, async () => (existsSync(busSocket) ? true : undefined), {
      timeoutMs: 30000,
      abortIf: () => (bus.hasExited() ? `dbus-daemon exited:\n${logTail(busLog)}` : undefined),
    });
    await startDaemon();
  } catch (e) {
    await stopAll();
    throw e;
  }
  return {
    env,
    dir,
    deaths: () => [...deaths],
    async killDaemon() {
      const k = keyring;
      if (!k || k.hasExited()) return;
      keyring = undefined; // an exit the test asked for: not a death, not restarted
      k.child.ref(); // keep the event loop alive until the exit event arrives
      try {
        process.kill(k.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await k.exited;
    },
    restartDaemon: (opts) => startDaemon(opts),
    async stop() {
      await stopAll();
      removeTempDir(dir);
    },
  };
}

/** Make a GnuPG key (no passphrase) and `pass init` a password store with it, in temp folders. */
export async function startPass(): Promise<PassHandle> {
  const dir = tempDir('dockhand-pass');
  const home = privateDir(join(dir, 'home'));
  const env = { GNUPGHOME: privateDir(join(dir, 'gnupg')), PASSWORD_STORE_DIR: join(dir, 'store'), HOME: home };
  const tag = newBedTag();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, [BED_TAG_VAR]: tag };
  delete childEnv.DISPLAY;
  delete childEnv.GPG_AGENT_INFO;
  const stopAgent = async () => {
    await exec('gpgconf', ['--kill', 'all'], childEnv).catch(() => undefined);
    sweepTagged(tag);
  };
  try {
    await exec('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'Dockhand test bed <ci@example.invalid>', 'default', 'default', 'never'], childEnv);
    const listing = await exec('gpg', ['--batch', '--with-colons', '--list-secret-keys'], childEnv);
    const fingerprint = /^fpr:+([0-9A-F]{40,}):/m.exec(listing)?.[1];
    if (!fingerprint) throw new Error(`test bed: no fingerprint in gpg output:\n${listing}`);
    await exec('pass', ['init', fingerprint], childEnv);
    return {
      env,
      fingerprint,
      dir,
      async stop() {
        await stopAgent();
        removeTempDir(dir);
      },
    };
  } catch (e) {
    await stopAgent();
    throw e;
  }
}
