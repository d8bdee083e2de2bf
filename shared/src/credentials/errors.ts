// Errors raised by the credential store. Every message says what failed, where, and what
// to do; none carries a secret (messages built from foreign text go through redact()).

/** Base class: `instanceof CredentialError` catches every credential-store failure. */
export class CredentialError extends Error {
  override name = 'CredentialError';
}

/** keytar cannot load, or no keychain/secret service can be reached. */
export class KeychainUnavailableError extends CredentialError {
  override name = 'KeychainUnavailableError';
}

/** The keychain answered with an error (locked, prompt dismissed, time-out). */
export class KeychainOperationError extends CredentialError {
  override name = 'KeychainOperationError';
}

/** A docker-credential-* helper is missing, crashed, timed out or answered nonsense. */
export class CredentialHelperError extends CredentialError {
  override name = 'CredentialHelperError';
  /** The helper program, e.g. "docker-credential-pass". */
  readonly helper: string;
  constructor(message: string, helper: string) {
    super(message);
    this.helper = helper;
  }
}

/** config.json or auth.json cannot be read or parsed. */
export class CredentialConfigError extends CredentialError {
  override name = 'CredentialConfigError';
  constructor(
    message: string,
    readonly file: string,
    /** 1-based, when the problem has a position. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** login's verify step rejected the credential: nothing was stored. */
export class CredentialVerificationError extends CredentialError {
  override name = 'CredentialVerificationError';
}
