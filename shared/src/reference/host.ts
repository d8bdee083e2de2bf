// Registry hosts as written in references: the name without its port, and whether it is this machine.
// Pure (no Node built-ins): the renderer and the webview may use it.

/** "127.0.0.1:5000" -> "127.0.0.1"; "[::1]:5000" -> "::1". */
export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}

/** A dotted-quad IPv4 address ("10.1.2.3"), each part 0-255. */
export function isIPv4Address(name: string): boolean {
  const parts = name.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** 127.0.0.0/8, ::1 and "localhost": Docker allows plain HTTP to these without configuration. */
export function isLoopbackHost(host: string): boolean {
  const name = hostnameOf(host).toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIPv4Address(name)) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}
