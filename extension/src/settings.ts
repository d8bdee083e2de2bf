// Typed access to the extension's settings (contributes.configuration in package.json).
import * as vscode from 'vscode';

export interface RegistrySetting {
  url: string;
  insecure?: boolean;
  caFile?: string;
  /** mTLS: paths of the client certificate and its key (PEM); never their content. */
  clientCertFile?: string;
  clientKeyFile?: string;
}

export type TagSort = 'semver' | 'date' | 'pushed' | 'pulled';
export type ConfigVersion = '2.8' | '2.8-debian' | '3.0' | '3.1' | '3' | 'auto';

const section = 'dockhand';

export function registrySettings(): RegistrySetting[] {
  const raw = vscode.workspace.getConfiguration(section).get<unknown>('registries', []);
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is RegistrySetting => !!r && typeof r === 'object' && typeof (r as RegistrySetting).url === 'string');
}

export async function setRegistrySettings(list: RegistrySetting[]): Promise<void> {
  await vscode.workspace.getConfiguration(section).update('registries', list, vscode.ConfigurationTarget.Global);
}

export function tagSort(): TagSort {
  const v = vscode.workspace.getConfiguration(section).get<string>('tags.sort');
  return v === 'date' || v === 'pushed' || v === 'pulled' ? v : 'semver';
}

export function pageSize(): number {
  const n = vscode.workspace.getConfiguration(section).get<number>('repositories.pageSize', 100);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 100;
}

export function configVersion(): ConfigVersion {
  const v = vscode.workspace.getConfiguration(section).get<string>('config.version', 'auto');
  return v === '2.8' || v === '2.8-debian' || v === '3.0' || v === '3.1' || v === '3' ? v : 'auto';
}

export function configGlobs(): string[] {
  const g = vscode.workspace.getConfiguration(section).get<unknown>('config.files', []);
  return Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : [];
}
