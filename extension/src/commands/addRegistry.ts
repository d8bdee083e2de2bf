// "Add Registry…": asks for the URL, whether it is insecure (plain HTTP / no TLS check)
// and an optional CA file, then saves it in the dockhand.registries setting.
import * as vscode from 'vscode';
import { registrySettings, setRegistrySettings, type RegistrySetting } from '../settings';
import { normalizeRegistryUrl } from '@dockhand/shared/reference';

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
  const entry: RegistrySetting = { url: normalized, ...(insecure ? { insecure } : {}), ...(caFile ? { caFile } : {}) };
  const list = registrySettings().filter((r) => normalizeRegistryUrl(r.url) !== normalized);
  await setRegistrySettings([...list, entry]);
  return entry;
}
