// Sandbox: the front door of shared/src/sandbox (a local registry to try Dockhand with).
export {
  sandboxStatus,
  sandboxUp,
  sandboxDown,
  SandboxUnavailableError,
  sandboxDir,
  type SandboxOptions,
  type SandboxStatus,
  type SandboxUpResult,
} from './sandbox';
