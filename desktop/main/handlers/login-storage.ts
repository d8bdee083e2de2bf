// Where a sign-in keeps its password, in the words the desktop shows. The OS keychain is
// offered first where it can be reached; where it cannot (a headless server, a container,
// SSH), "this session only" is, and docker's own store stays available as in `docker login`.
import type { CredentialStoreTarget, StorageOptions } from '@dockhand/shared/credentials';
import type { LoginStorage, StorageChoice } from '../../common';
import { BadInputError } from '../bad-input';

const VALUES: readonly LoginStorage[] = ['keychain', 'session', 'docker', 'docker-plaintext'];

/** The renderer's choice, checked (an unknown value is refused, nothing is stored). */
export function loginStorage(v: unknown): CredentialStoreTarget {
  if (v === undefined || v === null || v === '') return 'keychain';
  if (typeof v === 'string' && (VALUES as readonly string[]).includes(v)) return v as CredentialStoreTarget;
  throw new BadInputError(`Choose where to keep the password (one of: ${VALUES.join(', ')}).`);
}

export function storageChoices(o: StorageOptions): StorageChoice[] {
  const keychainOk = o.keychain.available;
  return [
    {
      value: 'keychain',
      label: 'In the system keychain',
      available: keychainOk,
      recommended: keychainOk,
      detail: keychainOk
        ? 'Encrypted by your operating system and kept after Dockhand closes.'
        : "The system keychain can't be reached on this machine (no keyring service is running), so it can't keep passwords here.",
    },
    {
      value: 'session',
      label: 'For this session only',
      available: true,
      recommended: !keychainOk,
      detail: 'Kept in memory and forgotten when Dockhand stops. Nothing is written to disk.',
    },
    o.dockerHelper
      ? {
          value: 'docker',
          label: "In Docker's credential store",
          available: true,
          detail: `Kept by ${o.dockerHelper}, so the docker command sees this sign-in too.`,
        }
      : {
          value: 'docker-plaintext',
          label: "In Docker's config file (not encrypted)",
          available: true,
          detail: `Written to ${o.dockerConfig} as base64, like \`docker login\` without a credential helper: anyone who can read that file can read the password.`,
        },
  ];
}
