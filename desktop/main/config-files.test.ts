// config.open / config.save: only files the user picked, named or opened before; symlinks
// only to YAML; writes through an exclusive temp file and a rename; new files 0600. Real
// files, links and handlers; the native dialog is a fake (no Electron here), named so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMainApi, type MainApi } from './create-main-api';
import type { MainOptions } from './main-context';

const work = mkdtempSync(join(tmpdir(), 'dockhand-config-files-'));
after(() => rmSync(work, { recursive: true, force: true }));
const GOOD = 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n';

function app(name: string, opts: Partial<MainOptions> = {}): { main: MainApi; dir: string } {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const main = createMainApi({ mode: 'served', stateDir: join(dir, 'state'), env: { HOME: dir, PATH: process.env.PATH }, ...opts });
  return { main, dir };
}

test('config.save never follows a file planted at its temp name: exclusive unpredictable temp, then rename', async () => {
  const { main, dir } = app('planted');
  const file = join(dir, 'config.yml');
  const victim = join(dir, 'victim.txt');
  writeFileSync(file, GOOD);
  writeFileSync(victim, 'precious\n');
  // The old temp name was `${path}.dockhand-${pid}.tmp`: plant a symlink there (and at a few pids around).
  for (const pid of [process.pid, process.pid + 1]) symlinkSync(victim, `${file}.dockhand-${pid}.tmp`);
  const main2 = createMainApi({ mode: 'served', stateDir: join(dir, 'state'), env: { HOME: dir, PATH: process.env.PATH }, configFiles: [file] });
  await main2.api.config.save(file, GOOD.replace(':5000', ':5001'), '2.8');
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n', "the planted link's target is untouched");
  assert.match(readFileSync(file, 'utf8'), /addr: :5001/);
  const left = readdirSync(dir).filter((f) => f.endsWith('.tmp') && !f.includes('dockhand-'));
  assert.deepEqual(left, [], 'no temp file is left behind');
  main.context.dispose();
  main2.context.dispose();
});

test('served mode opens only files named at start or opened before; never a symlink to a non-YAML file', async () => {
  const { main, dir } = app('served');
  const picked = join(dir, 'named.yml');
  writeFileSync(picked, GOOD);
  const other = join(dir, 'other.yml');
  writeFileSync(other, GOOD);
  await assert.rejects(main.api.config.open(other), (err: Error) => err.name === 'FileAccessError' && /--config .*other\.yml/.test(err.message));
  await assert.rejects(main.api.config.save(other, 'version: 0.1\n', '2.8'), /not picked or opened before/);
  assert.equal(readFileSync(other, 'utf8'), GOOD, 'a refused save changes nothing');
  main.context.dispose();

  const key = join(dir, 'id_rsa');
  writeFileSync(key, '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n', { mode: 0o600 });
  const innocent = join(dir, 'innocent.yml');
  symlinkSync(key, innocent);
  const linkedYaml = join(dir, 'link-to-named.yaml');
  symlinkSync(picked, linkedYaml);
  const named = createMainApi({
    mode: 'served',
    stateDir: join(dir, 'state'),
    env: { HOME: dir, PATH: process.env.PATH },
    configFiles: [picked, innocent, linkedYaml],
  });
  try {
    assert.equal((await named.api.config.open(picked)).text, GOOD);
    await assert.rejects(
      named.api.config.open(innocent),
      (err: Error) => /symbolic link to .*id_rsa, which is not a \.yml/.test(err.message) && !err.message.includes('BEGIN'),
    );
    await assert.rejects(named.api.config.save(innocent, 'x: 1\n', '2.8'), /not a \.yml/);
    assert.match(readFileSync(key, 'utf8'), /BEGIN OPENSSH/, 'the key is untouched');
    assert.equal((await named.api.config.open(linkedYaml)).text, GOOD, 'a link to a YAML file is fine');
    await named.api.config.save(linkedYaml, GOOD + '# saved through the link\n', '2.8');
    assert.match(readFileSync(picked, 'utf8'), /saved through the link/, "saved into the link's target, the link kept");
    await assert.rejects(named.api.config.open('/etc/passwd'), /not a \.yml/);
  } finally {
    named.context.dispose();
  }
  // Opened before: remembered in the state folder for the next run.
  const later = createMainApi({ mode: 'served', stateDir: join(dir, 'state'), env: { HOME: dir, PATH: process.env.PATH } });
  try {
    assert.equal((await later.api.config.open(picked)).text.startsWith(GOOD), true);
    await assert.rejects(later.api.config.open(other), /not picked or opened before/);
  } finally {
    later.context.dispose();
  }
});

test('a new config file is created 0600; an existing one keeps its mode', async () => {
  const { main, dir } = app('modes');
  main.context.dispose();
  const fresh = join(dir, 'new-config.yml');
  const existing = join(dir, 'shared.yml');
  writeFileSync(existing, GOOD, { mode: 0o640 });
  const named = createMainApi({ mode: 'served', stateDir: join(dir, 'state'), env: { HOME: dir, PATH: process.env.PATH }, configFiles: [fresh, existing] });
  try {
    await named.api.config.save(fresh, GOOD, '2.8');
    assert.equal(statSync(fresh).mode & 0o777, 0o600);
    await named.api.config.save(existing, GOOD + '# x\n', '2.8');
    assert.equal(statSync(existing).mode & 0o777, 0o640);
  } finally {
    named.context.dispose();
  }
});

test('Electron: a picked file is allowed; a typed one is confirmed in the native dialog first (fake dialog)', async () => {
  const dir = join(work, 'electron');
  mkdirSync(dir, { recursive: true });
  const a = join(dir, 'a.yml');
  const b = join(dir, 'b.yml');
  writeFileSync(a, GOOD);
  writeFileSync(b, GOOD + '# b\n');
  const asked: string[] = [];
  let answer: string | undefined;
  const { main } = app('electron', {
    mode: 'electron',
    pickFile: async () => a,
    confirmFile: async (path, purpose) => {
      asked.push(`${purpose} ${path}`);
      return answer;
    },
  });
  try {
    assert.equal(await main.api.config.pick(), a);
    assert.equal((await main.api.config.open(a)).text, GOOD);
    assert.deepEqual(asked, [], 'a picked file needs no confirmation');
    answer = undefined;
    await assert.rejects(main.api.config.open(b), /dialog was cancelled/);
    answer = b;
    assert.match((await main.api.config.open(b)).text, /# b/);
    assert.deepEqual(asked, [`open ${b}`, `open ${b}`]);
  } finally {
    main.context.dispose();
  }
});
