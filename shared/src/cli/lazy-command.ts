// A command listed by name and summary only, its module loaded when it is dispatched: the
// CLI's start then costs the loading of one command and its dependencies, not of all of them
// (the engine commands bring dockerode and gRPC, the registry ones undici).
import type { Command } from './command';

export interface LazyCommand extends Command {
  /** The real command (options, usage, run), loaded once. */
  load(): Promise<Command>;
}

export function lazyCommand(name: string, summary: string, load: () => Promise<Command>): LazyCommand {
  let loaded: Promise<Command> | undefined;
  const get = (): Promise<Command> => {
    loaded ??= load();
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
  return {
    name,
    summary,
    usage: `dockhand ${name} --help`,
    load: get,
    async run(args, ctx) {
      return (await get()).run(args, ctx);
    },
  };
}

function isLazyCommand(c: Command): c is LazyCommand {
  return typeof (c as Partial<LazyCommand>).load === 'function';
}

/** The command itself: loaded when listed lazily, as is otherwise. */
export function resolveCommand(c: Command): Promise<Command> {
  return isLazyCommand(c) ? c.load() : Promise.resolve(c);
}
