// The Node-only front door of shared/src/config (files on disk, the linter's worker thread). The pure
// parts (lintConfig, editor help, migrate) are in ./index (no Node built-ins: a renderer may import it).
export { LintRunner, type LintRunnerOptions, type RunResult } from './lint-runner';
export { readFileCapped, FileTooLargeError, MAX_CONFIG_BYTES } from './read-config-file';
export { nodeFileChecker, type NodeFileCheckerOptions } from './files/node-file-checker';
export { nearbyComposeMounts, composeMounts, type Mount } from './files/compose-mounts';
export { localPortNames } from './files/services';
