// Every `dockhand` sub-command. Add yours here (one import, one entry), keep the list sorted.
import type { Command } from '../command';
import { imagesCommand } from './images';
import { pullCommand } from './pull';
import { pushCommand } from './push';

export const commands: Command[] = [
  imagesCommand,
  pullCommand,
  pushCommand,
];
