// Bundled to dist/cli.js by build.mjs.
import { runFromProcess } from './main';

runFromProcess();
