// `dockhand ls REG | head -2`: once `head` has its lines it closes the pipe, and the next write
// fails with EPIPE. Without a listener Node turns that into an uncaught exception with a stack
// trace. The reader has gone, so there is no one left to tell: stop the work and exit quietly.

/** On EPIPE from `stream`, call `stop` (cancel work, exit); other stream errors are rethrown. */
export function onBrokenPipe(stream: NodeJS.WritableStream, stop: () => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      stop();
      return;
    }
    throw err;
  });
}
