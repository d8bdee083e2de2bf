// Which YAML files are registry configs: `version: 0.1` at the top level and a `storage:`
// section (what every distribution config has), or a path matching a user glob setting.
export function looksLikeRegistryConfig(text: string): boolean {
  const head = text.slice(0, 200_000);
  return /^version:\s*["']?0\.1["']?\s*(#.*)?$/m.test(head) && /^storage:\s*(#.*)?$/m.test(head);
}
