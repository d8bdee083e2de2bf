// "Add Registry…": asks for the URL, whether it is insecure (plain HTTP / no TLS check),
// an optional CA file and an optional mTLS client certificate + key (docker's certs.d pair
// offered first when present), checks that the registry answers (registryProbe.ts: stored
// with the scheme it answered on; refused when it does not answer), then saves it in the
// dockhand.registries setting (the files' paths only).
import * as vscode from 'vscode';
import { registrySettings, setRegistrySettings, type RegistrySetting } from '../settings';
import { hasUrlScheme, normalizeRegistryUrl } from '@dockhand/shared/reference';
import { certsDirClientPair, clientCertificateFields, clientPairProblem, type ClientCertificateFiles } from '../registry/clientCertificate';
import { probeNewRegistry } from './registryProbe';

/** The client certificate step: certs.d pair (default when present), files picked, or none; undefined when cancelled. */
async function askClientCertificate(host: string): Promise<ClientCertificateFiles | undefined> {
  const certsD = certsDirClientPair(host);
  const none = { label: 'No client certificate', files: {} as ClientCertificateFiles };
  const choose = { label: 'Choose a client certificate and key…', files: undefined };
  const items = certsD
    ? [{ label: "Use docker's certs.d client certificate", detail: `${certsD.clientCertFile} + ${certsD.clientKeyFile}`, files: certsD }, choose, none]
    : [none, choose];
  const pick = await vscode.window.showQuickPick(items, { title: `Client certificate (mTLS) for ${host}`, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.files) return pick.files;
  const cert = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use client certificate', title: 'Client certificate (PEM)' });
  if (!cert?.[0]) return undefined;
  const key = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use client key', title: 'Client key (PEM)' });
  if (!key?.[0]) return undefined;
  return { clientCertFile: cert[0].fsPath, clientKeyFile: key[0].fsPath };
}

export async function addRegistry(preset?: Partial<RegistrySetting>): Promise<RegistrySetting | undefined> {
  const url =
    preset?.url ??
    (await vscode.window.showInputBox({
      title: 'Add Registry',
      prompt: 'Registry URL or host (e.g. https://registry.example.com or 127.0.0.1:5000)',
      ignoreFocusOut: true,
      validateInput: (v) => (normalizeRegistryUrl(v) ? undefined : 'Enter a host[:port] or an http(s):// URL'),
    }));
  if (!url) return undefined;
  const normalized = normalizeRegistryUrl(url);
  if (!normalized) throw new Error(`"${url}" is not a registry URL; enter a host[:port] or an http(s):// URL`);
  let insecure = preset?.insecure;
  if (insecure === undefined && !preset) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Secure (TLS verified)', insecure: false },
        { label: 'Insecure (plain HTTP or unverified TLS)', insecure: true },
      ],
      { title: `Add Registry: ${normalized}`, ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    insecure = pick.insecure;
  }
  let caFile = preset?.caFile;
  if (caFile === undefined && !preset && !insecure) {
    const ca = await vscode.window.showQuickPick([{ label: 'System CAs' }, { label: 'Choose a CA file…', choose: true }], {
      title: 'Certificate authority',
      ignoreFocusOut: true,
    });
    if (!ca) return undefined;
    if ('choose' in ca) {
      const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use CA', filters: { 'PEM certificates': ['pem', 'crt', 'cer'] } });
      caFile = files?.[0]?.fsPath;
    }
  }
  let client: ClientCertificateFiles = { clientCertFile: preset?.clientCertFile, clientKeyFile: preset?.clientKeyFile };
  const problem = clientPairProblem(client);
  if (problem) throw new Error(problem);
  if (!preset && !(hasUrlScheme(url.trim()) && normalized.startsWith('http://'))) {
    const asked = await askClientCertificate(new URL(normalized).host);
    if (!asked) return undefined;
    client = asked;
  }
  const typed: RegistrySetting = { url: normalized, ...(insecure ? { insecure } : {}), ...(caFile ? { caFile } : {}), ...clientCertificateFields(client) };
  const entry = await probeNewRegistry(url, typed);
  const host = new URL(entry.url).host;
  const list = registrySettings().filter((r) => {
    const u = normalizeRegistryUrl(r.url);
    return u !== normalized && u !== entry.url && !(u && new URL(u).host === host);
  });
  await setRegistrySettings([...list, entry]);
  return entry;
}
