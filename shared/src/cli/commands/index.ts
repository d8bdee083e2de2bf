// Every `dockhand` sub-command, loaded only when dispatched (starting the CLI must not load
// every command's dependencies). Add yours here as one entry: its name, its one-line summary
// (the same as in its file; index.test.ts checks) and the import of its module. Keep the list
// sorted. A plain Command object (statically imported) also works, but slows every start.
import type { Command } from '../command';
import { lazyCommand } from '../lazy-command';

export const commands: Command[] = [
  lazyCommand(
    'cat',
    'Print a file from inside a remote image (reads only the layer that holds it, up to the file)',
    async () => (await import('./cat')).catCommand,
  ),
  lazyCommand('cp', 'Copy an image or index to one or more repositories or registries (digest preserved)', async () => (await import('./cp')).cpCommand),
  lazyCommand('creds', 'Show which registries have credentials and where they come from (no secrets)', async () => (await import('./creds')).credsCommand),
  lazyCommand('diff', 'Compare two images: config, history, layers, and files added, removed and changed', async () => (await import('./diff')).diffCommand),
  lazyCommand('digest', 'Print the digest of an image manifest', async () => (await import('./digest')).digestCommand),
  lazyCommand('du', 'Show the storage a repository (per tag: unique and shared bytes) or a whole registry uses', async () => (await import('./du')).duCommand),
  lazyCommand(
    'events',
    'List the registry events dockhand listen received (pushes, pulls, mounts, deletes)',
    async () => (await import('./events')).eventsCommand,
  ),
  lazyCommand(
    'files',
    "List the files inside a remote image without pulling it (whiteouts applied; or one layer's own entries)",
    async () => (await import('./files')).filesCommand,
  ),
  lazyCommand('images', 'List the images in the local Docker engine', async () => (await import('./images')).imagesCommand),
  lazyCommand('inspect', 'Show the platforms, layers, sizes and config of an image', async () => (await import('./inspect')).inspectCommand),
  lazyCommand('lint', "Check registry config.yml files against the registry's real rules", async () => (await import('./lint')).lintCommand),
  lazyCommand(
    'listen',
    "Receive the registry's notification events (pushes, pulls, deletes) and store them",
    async () => (await import('./listen')).listenCommand,
  ),
  lazyCommand(
    'listen-config',
    'Print the registry config notifications: block that sends events to dockhand listen',
    async () => (await import('./listen-config')).listenConfigCommand,
  ),
  lazyCommand(
    'login',
    "Log in to a registry: verify the credential, then store it in the keychain (or docker's credential helper)",
    async () => (await import('./login')).loginCommand,
  ),
  lazyCommand(
    'logout',
    "Remove a registry credential from the keychain, docker's credential helper and config.json",
    async () => (await import('./logout')).logoutCommand,
  ),
  lazyCommand('ls', 'List the repositories of a registry', async () => (await import('./ls')).lsCommand),
  lazyCommand('manifest', 'Print the raw manifest of an image or index', async () => (await import('./manifest')).manifestCommand),
  lazyCommand('pull', 'Pull an image from a registry into the local Docker engine', async () => (await import('./pull')).pullCommand),
  lazyCommand(
    'purge',
    'Delete old tags by a retention policy (dry run unless --apply), showing what garbage collection would free',
    async () => (await import('./purge')).purgeCommand,
  ),
  lazyCommand('push', 'Retag a local image and push it to a registry (or push an archive without an engine)', async () => (await import('./push')).pushCommand),
  lazyCommand(
    'referrers',
    'List the signatures, SBOMs and attestations attached to an image (or show one with --show)',
    async () => (await import('./referrers')).referrersCommand,
  ),
  lazyCommand('rm', 'Delete an image manifest (and say which tags die), or remove only one tag with --untag', async () => (await import('./rm')).rmCommand),
  lazyCommand('sandbox', 'Start, stop or show a local registry with sample images to try Dockhand on', async () => (await import('./sandbox')).sandboxCommand),
  lazyCommand('tag', 'Give an image another tag in the registry (no pull, no blob copy)', async () => (await import('./tag')).tagCommand),
  lazyCommand('tags', 'List the tags of a repository', async () => (await import('./tags')).tagsCommand),
  lazyCommand(
    'verify',
    "Check an image's signatures (cosign, sigstore bundles, Notation) with a key, certificate or trusted root (offline)",
    async () => (await import('./verify')).verifyCommand,
  ),
  lazyCommand(
    'wasted',
    'Show the space an image wastes on files that later layers overwrite or delete (like dive)',
    async () => (await import('./wasted')).wastedCommand,
  ),
];
