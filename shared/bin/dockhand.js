#!/usr/bin/env node
// Runs the bundled CLI (build with `npm run build`).
// undici parses HTTP with llhttp compiled to WebAssembly. By default V8 also re-compiles it with
// its optimizing tier in background threads, and Node waits for those threads before it exits:
// on a busy machine `dockhand tags` spent seconds (and ~35 MB) after its output on that. The
// baseline tier alone parses as fast for what the CLI does (measured on cp: no more CPU).
// Set before anything compiles WebAssembly; ignored where the flag is unknown.
// The young generation starts at 1 MiB and V8 doubles it (up to 16 MiB per semi-space) when objects
// survive a scavenge; a copy's in-flight 64 KiB chunks do, and each Buffer keeps its bytes outside the
// heap until a scavenge frees it. Not growing it (a growth factor of 1, read when V8 would grow, so
// it works when set here, unlike --max-semi-space-size) cut a copy's peak RSS from ~103 to ~85 MB
// at the same CPU (8 x 32 MiB, measured).
const v8 = require('node:v8');
for (const flag of ['--liftoff-only', '--semi-space-growth-factor=1']) {
  try {
    v8.setFlagsFromString(flag);
  } catch {
    /* keep V8's default */
  }
}
// `dockhand` and `dockhand help` print the command list from a small CommonJS bundle (no ES module loader).
const first = process.argv[2];
if (first === undefined || first === 'help' || first === '--help' || first === '-h') require('../dist/help.cjs');
else require('../dist/cli.js');
