// Every `dockhand` sub-command. Add yours here (one import, one entry), keep the list sorted.
import type { Command } from '../command';
import { cpCommand } from './cp';
import { credsCommand } from './creds';
import { digestCommand } from './digest';
import { duCommand } from './du';
import { imagesCommand } from './images';
import { inspectCommand } from './inspect';
import { lintCommand } from './lint';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { lsCommand } from './ls';
import { manifestCommand } from './manifest';
import { pullCommand } from './pull';
import { purgeCommand } from './purge';
import { pushCommand } from './push';
import { rmCommand } from './rm';
import { tagCommand } from './tag';
import { tagsCommand } from './tags';

export const commands: Command[] = [
  cpCommand,
  credsCommand,
  digestCommand,
  duCommand,
  imagesCommand,
  inspectCommand,
  lintCommand,
  loginCommand,
  logoutCommand,
  lsCommand,
  manifestCommand,
  pullCommand,
  purgeCommand,
  pushCommand,
  rmCommand,
  tagCommand,
  tagsCommand,
];
