// The error for arguments the main process refuses (from the renderer or the served-mode
// API): it says which argument and what is wrong with it, and nothing was done.
export class BadInputError extends Error {
  override name = 'BadInputError';
  constructor(
    message: string,
    /** The argument at fault, e.g. "repository" or "input.target.tag". */
    readonly argument?: string,
  ) {
    super(message);
  }
}
