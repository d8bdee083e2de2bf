#!/usr/bin/env node
// Runs the bundled CLI (build with `npm run build`).
// undici parses HTTP with llhttp compiled to WebAssembly. By default V8 also re-compiles it with
// its optimizing tier in background threads, and Node waits for those threads before it exits:
// on a busy machine `dockhand tags` spent seconds (and ~35 MB) after its output on that. The
// baseline tier alone parses as fast for what the CLI does (measured on cp: no more CPU).
// Set before anything compiles WebAssembly; ignored where the flag is unknown.
try {
  require('node:v8').setFlagsFromString('--liftoff-only');
} catch {
  /* keep V8's default */
}
// `dockhand` and `dockhand help` print the command list from a small CommonJS bundle (no ES module loader).
const first = process.argv[2];
if (first === undefined || first === 'help' || first === '--help' || first === '-h') require('../dist/help.cjs');
else require('../dist/cli.js');
