// `dockhand logout REGISTRY`: remove the credential from wherever Dockhand or docker stored
// it (keychain, docker's helper, config.json auths); report what stays (podman's auth.json).
import { createCredentialStore } from '../../credentials/store';
import { redactError } from '../../credentials/redact';
import { UsageError, printJson, type Command } from '../command';

export const logoutCommand: Command = {
  name: 'logout',
  summary: "Remove a registry credential from the keychain, docker's credential helper and config.json",
  usage: 'dockhand logout REGISTRY [--json]',
  options: { json: { type: 'boolean' } },
  async run(args, ctx) {
    if (args.positionals.length !== 1) throw new UsageError('give exactly one REGISTRY');
    try {
      const result = await createCredentialStore({ env: ctx.env }).logout(args.positionals[0]);
      if (args.values.json) {
        printJson(ctx, result);
        return 0;
      }
      if (!result.removed.length) ctx.stdout.write(`Not logged in to ${result.host}: no credential was stored where Dockhand can remove it.\n`);
      for (const s of result.removed) ctx.stdout.write(`Removed ${result.host} from ${s.detail}\n`);
      for (const s of result.remaining) ctx.stderr.write(`Still stored: ${s.detail}\n`);
      return 0;
    } catch (err) {
      throw redactError(err);
    }
  },
};
