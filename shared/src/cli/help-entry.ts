// `dockhand`, `dockhand help`: bundled alone as CommonJS (dist/help.cjs, build.mjs), so printing
// the command list starts no ES module loader and loads no chunk (bin/dockhand.js picks it).
import { helpText } from './help-text';
import { onBrokenPipe } from './broken-pipe';

onBrokenPipe(process.stdout, () => process.exit(0));
process.stdout.write(helpText() + '\n');
// Without a command it is a usage error (as main() answers).
process.exitCode = process.argv.length > 2 ? 0 : 2;
