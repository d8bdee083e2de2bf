// Every `dockhand` sub-command. Add yours here (one import, one entry), keep the list sorted.
import type { Command } from '../command';
import { cpCommand } from './cp';
import { credsCommand } from './creds';
import { digestCommand } from './digest';
import { imagesCommand } from './images';
import { inspectCommand } from './inspect';
import { lintCommand } from './lint';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { lsCommand } from './ls';
import { manifestCommand } from './manifest';
import { pullCommand } from './pull';
import { pushCommand } from './push';
import { rmCommand } from './rm';
import { tagCommand } from './tag';
import { tagsCommand } from './tags';

export const commands: Command[] = [
  cpCommand,
  credsCommand,
  digestCommand,
  imagesCommand,
  inspectCommand,
  lintCommand,
  loginCommand,
  logoutCommand,
  lsCommand,
  manifestCommand,
  pullCommand,
  pushCommand,
  rmCommand,
  tagCommand,
  tagsCommand,
];
