// registries:* — the registries sidebar: add, remove, login/logout (password to the OS
// keychain through the shared credential store), reachability check.
import type { CheckResult, DockhandApi, LoginStorage, RegistrySummary } from '../../common';
import type { MainContext } from '../main-context';
import { hasScheme, parseRegistryUrl, type StoredRegistry } from '../registry-store';
import { forgetRegistryClient, needsInsecure, registryClientFor, verifySignIn } from '../registry-access';
import { discoveredRegistries } from './discovered-registries';
import { loginStorage, storageChoices } from './login-storage';
import { BadInputError } from '../bad-input';
import { errorText, toErrorInfo } from '../error-info';

/** How long adding a registry waits for it to answer GET /v2/. */
const ADD_PROBE_MS = 20_000;

export function registryHandlers(ctx: MainContext): DockhandApi['registries'] {
  const summarize = async (r: StoredRegistry): Promise<RegistrySummary> => {
    const summary: RegistrySummary = {
      id: r.id,
      name: r.name,
      url: r.url,
      host: r.host,
      caFile: r.caFile,
      insecure: r.insecure,
      username: r.username,
      clientCertFile: r.clientCertFile,
    };
    if (r.discovered) summary.discovered = true;
    if (r.sandbox) summary.sandbox = true;
    try {
      const cred = await ctx.credentials().get(r.host);
      if (cred) {
        summary.credentialSource = { kind: cred.source.kind, detail: cred.source.detail };
        summary.username = cred.username ?? summary.username;
      }
    } catch (err) {
      summary.credentialSource = { kind: 'error', detail: errorText(err) };
    }
    return summary;
  };

  const login = async (r: StoredRegistry, username: string, password: string, storeIn: LoginStorage | undefined) => {
    if (!username || !password) throw new BadInputError('Enter both a username and a password (or token).');
    await ctx.credentials().login(
      r.host,
      { username, password },
      {
        storeIn: loginStorage(storeIn),
        verify: (credential) => verifySignIn(ctx, r, credential),
      },
    );
    forgetRegistryClient(ctx, r.id);
    return ctx.registries.update(r.id, { username });
  };

  return {
    async list() {
      const own = await ctx.registries.list();
      return Promise.all([...own, ...(await discoveredRegistries(ctx, own))].map(summarize));
    },
    async add(input) {
      const { url, host } = parseRegistryUrl(input?.url);
      if (needsInsecure(url, host) && input.insecure !== true) {
        throw new BadInputError(
          `${url} is plain HTTP to a host that is not this machine: passwords and images would travel unencrypted. Use https://, or tick "Skip TLS verification" (it also allows plain HTTP) for this registry.`,
        );
      }
      const name = (input.name ?? '').trim() || host;
      const clientCertFile = input.clientCertFile?.trim() || undefined;
      const clientKeyFile = input.clientKeyFile?.trim() || undefined;
      if (!clientCertFile !== !clientKeyFile)
        throw Object.assign(new Error('Give both the client certificate and its key (or neither: then certs.d is used).'), { name: 'BadInput' });
      const existed = (await ctx.registries.list()).some((r) => r.url === url);
      let stored = await ctx.registries.add({
        name,
        url,
        host,
        caFile: input.caFile?.trim() || undefined,
        insecure: input.insecure || undefined,
        clientCertFile,
        clientKeyFile,
      });
      // An unreachable registry is refused like a wrong password (nothing half-added); a
      // registry typed without a scheme is stored with the scheme it really answers on.
      try {
        const client = await registryClientFor(ctx, stored);
        const ping = await client.ping({ signal: AbortSignal.timeout(ADD_PROBE_MS) });
        if (!hasScheme(input.url) && !stored.url.startsWith(`${ping.scheme}://`))
          stored = await ctx.registries.update(stored.id, { url: `${ping.scheme}://${host}` });
      } catch (err) {
        forgetRegistryClient(ctx, stored.id);
        if (!existed) await ctx.registries.remove(stored.id);
        // In the desktop's words (the fix as the hint, not the command line's), keeping the core's code for a fix button.
        const info = toErrorInfo(err);
        throw Object.assign(new Error(`${host} was not added: ${info.message}`), { name: 'RegistryUnreachable', hint: info.hint, code: info.code });
      }
      if (input.username || input.password) {
        try {
          stored = await login(stored, String(input.username ?? ''), String(input.password ?? ''), input.storeIn);
        } catch (err) {
          if (!existed) await ctx.registries.remove(stored.id);
          throw err;
        }
      }
      return summarize(stored);
    },
    async remove(registryId) {
      forgetRegistryClient(ctx, String(registryId));
      await ctx.registries.remove(String(registryId));
    },
    async login(input) {
      const r = await ctx.registries.adopt(String(input?.registryId));
      return summarize(await login(r, String(input.username ?? ''), String(input.password ?? ''), input.storeIn));
    },
    async logout(registryId) {
      const r = await ctx.registries.adopt(String(registryId));
      await ctx.credentials().logout(r.host);
      forgetRegistryClient(ctx, r.id);
      return summarize(await ctx.registries.update(r.id, { username: undefined }));
    },
    async storageOptions(url) {
      const { host } = parseRegistryUrl(String(url ?? ''));
      return storageChoices(await ctx.credentials().storageOptions(host));
    },
    async startSandbox() {
      const { sandboxUp } = await import('@dockhand/shared/sandbox');
      const up = await sandboxUp({ env: ctx.env });
      const { url, host } = parseRegistryUrl(up.registry!);
      const existing = (await ctx.registries.list()).find((r) => r.sandbox);
      const stored = existing
        ? await ctx.registries.update(existing.id, { url, host })
        : await ctx.registries.add({ name: 'Sandbox (sample images)', url, host, sandbox: true });
      forgetRegistryClient(ctx, stored.id);
      return summarize(stored);
    },
    async check(registryId): Promise<CheckResult> {
      const r = await ctx.registries.get(String(registryId));
      try {
        const client = await registryClientFor(ctx, r);
        await client.verifyAccess();
        return { ok: true, status: 200, message: `${r.host} answers the Registry V2 API.` };
      } catch (err) {
        const e = err as Error & { status?: number };
        return { ok: false, status: typeof e.status === 'number' ? e.status : undefined, message: errorText(e) };
      }
    },
  };
}
