// Errors shown as tree items (never thrown at the view): the message carries the fix from
// shared's RegistryError, and the item's command performs it where it can.
import { isRegistryError } from '@dockhand/shared/registry';
import type { ErrorNode, RegistryNode } from './nodes';
import type { RegistryTarget } from '../registry/registryApi';
import { explainFailure } from '../errors/failureWording';
import { COMMANDS } from '../commands/commandIds';

export function errorNode(label: string, err: unknown, target?: RegistryTarget): ErrorNode {
  // In the editor's words (no command-line flags); the full message goes to the log.
  const message = explainFailure(err).text;
  const node: ErrorNode = { kind: 'error', label, message };
  if (!target) return node;
  const registry: Pick<RegistryNode, 'kind' | 'target'> = { kind: 'registry', target };
  if (isRegistryError(err)) {
    switch (err.code) {
      case 'UNAUTHORIZED':
      case 'DENIED':
        node.fix = { title: `Log in to ${target.host}`, command: COMMANDS.login, args: [registry] };
        break;
      case 'TLS':
        node.fix = { title: `Set a CA file or mark ${target.host} insecure`, command: COMMANDS.editRegistry, args: [registry] };
        break;
      case 'NO_CATALOG':
        node.fix = { title: 'Open a repository by name', command: COMMANDS.openRepository, args: [registry] };
        break;
      default:
        node.fix = { title: 'Retry', command: COMMANDS.refresh, args: [registry] };
    }
  } else {
    node.fix = { title: 'Retry', command: COMMANDS.refresh, args: [registry] };
  }
  return node;
}
