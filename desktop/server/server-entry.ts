// Entry point of the bundle desktop/dist/server.js (`npm run serve`). The renderer bundle
// sits beside it in dist/renderer. DOCKHAND_SERVE_REASON (set by scripts/start.mjs) is
// printed first, e.g. why Electron was not started.
import { join } from 'node:path';
import { serveMain } from './serve-main';

serveMain(process.argv.slice(2), join(__dirname, 'renderer'), process.env.DOCKHAND_SERVE_REASON).catch((err) => {
  process.stderr.write(`dockhand serve: ${(err as Error).message}\n`);
  process.exit(1);
});
