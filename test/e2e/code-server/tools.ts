// Where the test bed installed code-server, Node 24 and Chromium (test/bed/tools.ts).
import { assertToolsInstalled, node24Bin, codeServerEntry as entry, chromiumBin } from '../../bed/tools';

export const node24 = node24Bin;
export const codeServerEntry = entry;
export const chromiumPath = chromiumBin;

/** Undefined when everything is there, else what is missing and how to get it. */
export function missingTools(): string | undefined {
  try {
    assertToolsInstalled();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
