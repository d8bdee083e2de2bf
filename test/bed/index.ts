/**
 * Dockhand's real test bed: real registries, dockerd, gnome-keyring, seeded with real
 * images made offline. Everything runs on 127.0.0.1 in temp folders under os.tmpdir(),
 * every process in its own process group, and everything is stopped on stop(), on
 * process exit and on SIGINT/SIGTERM. Set DOCKHAND_KEEP_TESTBED=1 to keep temp folders.
 * Missing system packages: `node test/bed/install.mjs` (as root installs them).
 *
 * PostgreSQL (Debian `postgresql`, for the events store): startPostgres() -> { url(db?), createDatabase(name), stop() }
 *   (postgres.ts; runs as the `postgres` user when the tests run as root).
 *
 * Registries (CNCF distribution 2.8, Debian `docker-registry`):
 *   startRegistry(opts?) -> RegistryHandle
 *     opts.tls            HTTPS with a cert for 127.0.0.1/localhost signed by the bed CA (handle.caFile)
 *     opts.htpasswd       true (generated handle.username/password) or {username,password}; bcrypt
 *     opts.deleteEnabled  default true; false: DELETE answers 405 UNSUPPORTED
 *     opts.token          true or TokenOptions: token auth via a bed token server (handle.tokenServer,
 *                         handle.username/password = its first user)
 *     opts.proxyOf        pull-through cache of another bed registry (plain, or token auth: logs in with
 *                         its credentials; an htpasswd upstream is refused: distribution 2.8's proxy
 *                         only sends credentials on Bearer challenges). SSL_CERT_FILE=bed CA for TLS.
 *     opts.mtls           TLS + http.tls.clientcas; handle.clientCertFile/clientKeyFile
 *     opts.config         deep-merged into the generated config (objects merge, rest replaces)
 *   RegistryHandle { url, host (127.0.0.1:PORT), port, tls, rootDir, configPath, logFile, caFile?,
 *     username?, password?, clientCertFile?, clientKeyFile?, certsDir? (certs.d layout:
 *     <certsDir>/<host>/ca.crt [+ client.cert, client.key]), tokenServer?, stop() }
 *
 * Token auth (opts.token): a bed token server in a worker thread (so spawnSync in a test does not
 *   block it) answers GET <realm>?service&scope (Basic auth optional) and POST <realm> (OAuth2
 *   grant_type=password [access_type=offline -> refresh_token] | refresh_token) with RS256 JWTs
 *   carrying x5c; TokenOptions { users?: [{username,password,actions?:['pull'|'push'|'delete'|'*'],
 *   repositories?:['team/*',...]}], anonymousPull?, expiresInSeconds?, tls? }.
 *   handle.tokenServer { realm, service, issuer, users, requests(), issuedCount(), stop() }.
 *
 * Seeding through the raw registry HTTP API (an oracle independent of Dockhand's client):
 *   seedImage(reg, repo, tag, { layerSizes?, platform?, labels?, created?, format?: 'docker'|'oci',
 *     untagged?, annotations? }) -> { reference (host:port/repo:tag), digest, mediaType, manifest, manifestBytes, size, configDigest,
 *     config, layerDigests, layerCompressedSizes, platform }
 *   seedIndex(reg, repo, tag, platforms ('linux/arm64/v8' or {os,architecture,variant}), opts?)
 *     -> { reference, digest, mediaType, index, indexBytes, size, manifests: SeededImage[] }
 *   registryFetch(reg, path, init?) / registryFetchOk(...): undici fetch with the bed CA, client
 *     cert and Basic/Bearer challenge handling; dispatcherFor(reg) for your own undici calls.
 *   pushBlob, pushManifest, sha256, MT (media types).
 *
 * Docker engine (Debian docker.io 20.10), sandboxed: own data/exec roots, vfs, no iptables/bridge:
 *   startDockerd() -> { socketPath, host (unix://...), env: { DOCKER_HOST, DOCKER_CONFIG }, dir,
 *     dockerConfigDir (empty config.json: write credentials there yourself), logFile, stop() }
 *   makeLocalImage(dockerd, ref, { layerSizes?, labels? }) -> image ID. One layer: `docker import`
 *     of a static-busybox rootfs (+ random bytes); several: a docker-archive tar + `docker load`.
 *   dockerCli(dockerd, args, { input? }) -> stdout; engineRequest(socketPath, path, method?, body?)
 *   127.0.0.0/8 registries count as insecure for dockerd: `docker push 127.0.0.1:PORT/x` works.
 *
 * Keychains, headless:
 *   startKeyring() -> { env: { DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR (mode 700), HOME, XDG_DATA_HOME,
 *     XDG_CONFIG_HOME, XDG_CACHE_HOME }, dir, stop() }: a private dbus-daemon session bus with an
 *     unlocked gnome-keyring-daemon (secrets); ready once org.freedesktop.secrets has an owner.
 *     Run keytar / docker-credential-secretservice in a CHILD process with that env (keytar reads
 *     the D-Bus address when it loads).
 *   startPass() -> { env: { GNUPGHOME, PASSWORD_STORE_DIR, HOME }, fingerprint, dir, stop() } for
 *     docker-credential-pass (a passphrase-less GnuPG key, `pass init`).
 *
 * Tools outside the workspace (installed by `node test/bed/install.mjs`, pinned in tools.json):
 *   toolsDir, node24Bin, codeServerDir, codeServerEntry, chromiumBin, CODE_SERVER_VERSION,
 *   assertToolsInstalled() (from './tools').
 *
 * Helpers: tempDir(prefix) (removed at exit), freePort(), bedPki() (CA, server and client certs),
 *   startProcess(cmd, args, {logFile, env, stdin}) (process-group tracked), waitFor(what, check).
 */
export { startRegistry, REGISTRY_BIN } from './registry';
export { seedImage, seedIndex, pushBlob, pushManifest, sha256, parsePlatform, MT } from './seed';
export type { SeedImageOptions, SeededImage, SeededIndex, ImageManifest, Descriptor, Platform } from './seed';
export { registryFetch, registryFetchOk, dispatcherFor, parseChallenge } from './registry-http';
export type { RegistryEndpoint, BedFetchInit, Challenge } from './registry-http';
export { startDockerd, engineRequest, DOCKERD_BIN } from './dockerd';
export type { DockerdHandle } from './dockerd';
export { makeLocalImage, dockerCli, BUSYBOX } from './local-image';
export type { LocalImageOptions } from './local-image';
export { startKeyring, startPass } from './keyring';
export type { KeyringHandle, PassHandle } from './keyring';
export { toolsDir, node24Bin, codeServerDir, codeServerEntry, chromiumBin, CODE_SERVER_VERSION, NODE_MAJOR, assertToolsInstalled } from './tools';
export { startPostgres, type PostgresHandle } from './postgres';
export { tempDir } from './temp';
export { freePort } from './ports';
export { bedPki, tokenSigningCert } from './tls';
export type { BedPki, SigningCert } from './tls';
export { startTokenServer, TOKEN_ISSUER, TOKEN_SERVICE, parseScope } from './token-server';
export { startProcess, waitFor, logTail } from './processes';
export type { TrackedProcess } from './processes';
export { makeTar, randomData } from './tarball';
export type { TarEntry } from './tarball';
export type { RegistryOptions, RegistryHandle, TokenOptions, TokenUser, TokenAction, TokenServerHandle, TokenRequestRecord } from './types';
