// events:* — the registry event receiver (`dockhand listen` as a child process on a system
// Node, or one already running, found through receiver.json), the Activity list, the live
// long poll that makes tag lists reload on a push/delete/mount, and per-tag pushed-at and
// last-pulled dates. Over shared/src/activity's ReceiverSession (no SQLite in this process).
import { join } from 'node:path';
import { ReceiverSession, type ReceiverStatus } from '@dockhand/shared/activity';
import { ActivityFilterError } from '@dockhand/shared/activity';
import { receiverLink, notificationsBlockFor } from '@dockhand/shared/activity';
import type { DockhandApi, ReceiverInfo } from '../../common';
import type { MainContext } from '../main-context';
import { BadInputError } from '../bad-input';

const sessions = new WeakMap<MainContext, ReceiverSession>();

/** The session of this main process (one per app), created on first use; stopped with the app. */
export function eventsSession(ctx: MainContext): ReceiverSession {
  let s = sessions.get(ctx);
  if (!s) {
    const session = new ReceiverSession({
      link: receiverLink,
      env: ctx.env,
      // Electron's own binary is never used to run the receiver: DOCKHAND_NODE, else the served
      // mode's Node (a system Node), else `node` on PATH.
      nodePath: () => ctx.env.DOCKHAND_NODE || (ctx.mode === 'served' ? process.execPath : undefined),
      cliPath: () => ctx.env.DOCKHAND_CLI,
      cliCandidates: [join(__dirname, '../../shared/bin/dockhand.js')],
      log: ctx.log,
    });
    ctx.onDispose(() => session.dispose());
    sessions.set(ctx, session);
    s = session;
  }
  return s;
}

function info(s: ReceiverStatus): ReceiverInfo {
  return { ...s };
}

const ADDR = /^(127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0|[0-9.]{7,15}|\[[0-9a-fA-F:]+\]):(\d{1,5})$/;

export function eventHandlers(ctx: MainContext): DockhandApi['events'] {
  const session = () => eventsSession(ctx);
  return {
    async status() {
      await session().attach();
      return info(session().status());
    },
    async start(addr) {
      const a = addr?.trim() || undefined;
      if (a && (!ADDR.test(a) || Number(ADDR.exec(a)![2]) > 65535))
        throw new BadInputError(`Address: "${a.slice(0, 80)}" is not host:port (e.g. 127.0.0.1:5050).`, 'addr');
      return info(await session().start(a));
    },
    async stop() {
      return info(await session().stop());
    },
    async list(filter) {
      try {
        return await session().list(filter ?? {});
      } catch (e) {
        if (e instanceof ActivityFilterError) throw new BadInputError(e.message, 'filter');
        throw e;
      }
    },
    async next(afterSeq, waitMs) {
      const r = await session().next(Number(afterSeq) || 0, Math.max(0, Number(waitMs) || 0));
      return { seq: r.seq, events: r.events, receiver: info(r.status) };
    },
    async tagUsage(registryId, repository) {
      const r = await ctx.registries.get(String(registryId));
      return (await session().tagUsage(String(repository), r.host)) ?? null;
    },
    async configBlock(pulls) {
      const s = session().status();
      if (s.state !== 'running' || !s.endpointUrl) throw new BadInputError('Start the event receiver first: the block names its address and token.');
      if (!s.ingestToken)
        throw new BadInputError(
          'This receiver was started elsewhere and its token is not known here: copy the block from where it was started, or stop it and start it here.',
        );
      return notificationsBlockFor({ url: s.endpointUrl, token: s.ingestToken, pulls: !!pulls });
    },
  };
}
