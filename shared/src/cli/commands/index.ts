// Every `dockhand` sub-command. Add yours here (one import, one entry), keep the list sorted.
import type { Command } from '../command';

export const commands: Command[] = [
];
