// Plain data types of the config linter's public API. No editor types: the VS Code
// extension and the desktop turn these into their own diagnostics (0-based positions).

/** A point in the text: 0-based line and column (UTF-16 code units) and 0-based offset. */
export interface Position {
  line: number;
  col: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** Stable code, e.g. `unknown-key`, `storage-driver-count`. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  /** Other fixes for the same problem, offered after `fix` (e.g. each valid log level). */
  alternatives?: Fix[];
}

/** The registry major versions Dockhand knows ('3' = 3.x). */
export type TargetVersion = '2.8' | '3';

/**
 * What a file is checked against: '2.8' (upstream 2.8 builds), '2.8-debian' (Debian's
 * docker-registry 2.8.2: only filesystem, inmemory, s3 and swift, a newer AWS region list),
 * '3.0', '3.1', and '3' (= the latest, 3.1).
 */
export type TargetName = '2.8' | '2.8-debian' | '3' | '3.0' | '3.1';

/** What a file named by the config must hold, as the registry reads it. */
export type ConfigFileKind =
  /** http.tls.certificate: PEM CERTIFICATE blocks (tls.LoadX509KeyPair). */
  | 'certificate'
  /** http.tls.key: a PEM private key (PKCS#1, PKCS#8 or EC). */
  | 'private-key'
  /** http.tls.clientcas entries, auth.token.rootcertbundle: at least one certificate. */
  | 'ca-bundle'
  /** cloudfront privatekey: PKCS#1 RSA only (x509.ParsePKCS1PrivateKey). */
  | 'pkcs1-rsa-key'
  /** compatibility.schema1.signingkeyfile (libtrust): RSA or EC private key PEM. */
  | 'trust-key'
  /** auth.htpasswd.path: user:bcrypt-hash lines. */
  | 'htpasswd';

export interface ConfigFileReport {
  /** False when the path does not exist on this machine (it may be a path inside a container). */
  found: boolean;
  /** The path read on this machine (after a compose mount mapped it), when different. */
  hostPath?: string;
  /** What the registry says about it (it refuses to start), if anything. */
  problem?: string;
  /** A problem that does not stop the registry (e.g. non-bcrypt htpasswd lines). */
  warning?: string;
  /** The public key (SPKI, base64 DER) of a certificate's leaf or of a private key, to match pairs. */
  publicKey?: string;
}

/** Reads the files a config names (node: config/files/node-file-checker.ts). */
export interface ConfigFileChecker {
  check(path: string, kind: ConfigFileKind): ConfigFileReport;
}

export interface LintOptions {
  /** Which registry reads this file; 'auto' (default) detects it (a `# dockhand-target:` comment, else the keys used). */
  target?: TargetName | 'auto';
  /** REGISTRY_* variables (e.g. a compose file's `environment:`); the effective config is linted. */
  env?: Record<string, string>;
  /** Only used in messages. */
  fileName?: string;
  /**
   * Port names the registry's machine resolves (its /etc/services). Given, a `:name` address
   * that is neither one of Go's built-in names nor in this list is an error; not given, a warning.
   */
  portNames?: readonly string[];
  /** Check the files the config names (certificates, keys, htpasswd) where they exist here. */
  files?: ConfigFileChecker;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** The major version the file was checked against (detected when target was 'auto'). */
  version: TargetVersion;
  /** The exact target checked against ('3' is reported as '3.1'). */
  target?: TargetName;
  /** Why that version: 'target' (asked for), 'detected' (keys used), 'default'. */
  versionSource: 'target' | 'detected' | 'default';
}

export interface HoverDoc {
  /** Dotted key path, e.g. `storage.filesystem.rootdirectory`. */
  path: string;
  /** Markdown-free plain text: the schema description, enum values and default. */
  description: string;
  enum?: unknown[];
  default?: unknown;
  range: Range;
}

export interface CompletionItem {
  label: string;
  kind: 'key' | 'value';
  detail?: string;
  documentation?: string;
  /** Text to insert (for keys: `name: `). */
  insertText: string;
}
