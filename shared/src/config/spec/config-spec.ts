// The whole configuration model (configuration/configuration.go of distribution 2.8.2,
// 3.0 and 3.1), with the docs every JSON Schema property and hover shows.
import { bool, dur, headers, int, list, params, str, strList, struct, structType } from './builders';
import { storageFields } from './storage-spec';
import type { Field, Fields } from './spec-types';

const V2 = ['2.8'] as const;
const V3 = ['3.0', '3.1'] as const;
const V30 = ['3.0'] as const;
const V31 = ['3.1'] as const;
const LOG_LEVELS = ['error', 'warn', 'info', 'debug'];
const HOOK_LEVELS = ['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace'];

const check = (extra: Fields): Fields => ({
  interval: dur('Time between checks (Go duration).', { default: '10s' }),
  threshold: int('Failures in a row before the check turns unhealthy.'),
  ...extra,
});

const middlewareEntry = structType({
  name: str('Middleware name. Built-ins (storage): cloudfront, redirect, and rewrite (3.x).', { required: true }),
  disabled: bool('Parsed but never honoured by the registry: remove the entry instead.'),
  options: params({}, 'Options passed to the middleware.', { open: true }),
});

// v3.0.0 and v3.1.x both vendor go-redis v9.7.3 (go.mod), inlined as redis.UniversalOptions (3.0:
// configuration.go Redis.UnmarshalYAML, strict; 3.1: a RedisOptions struct with yaml tags).
const redisV3: Fields = {
  addrs: strList('Redis addresses (host:port); one for a single node, several for a cluster or sentinels. Redis is used when non-empty.', { only: [...V3] }),
  addr: str('Redis address (host:port). 2.8 only: 3.x reads addrs (a list) and ignores addr.', { only: ['2.8'] }),
  clientname: str('Client name sent with CLIENT SETNAME.', { only: [...V3] }),
  protocol: int('RESP protocol version (2 or 3).', { only: [...V3] }),
  username: str('ACL username.', { only: [...V3] }),
  password: str('Password.'),
  sentinelusername: str('Sentinel username.', { only: [...V3] }),
  sentinelpassword: str('Sentinel password.', { only: [...V3] }),
  db: int('Database number.', { default: 0 }),
  maxretries: int('Maximum retries.', { only: [...V3] }),
  minretrybackoff: dur('Minimum backoff between retries.', { only: [...V3] }),
  maxretrybackoff: dur('Maximum backoff between retries.', { only: [...V3] }),
  dialtimeout: dur('Timeout for connecting (Go duration, e.g. 10ms).'),
  readtimeout: dur('Timeout for reads (Go duration).'),
  writetimeout: dur('Timeout for writes (Go duration).'),
  contexttimeoutenabled: bool('Honour context timeouts.', { only: [...V3] }),
  poolfifo: bool('FIFO pool instead of LIFO.', { only: [...V3] }),
  poolsize: int('Maximum socket connections.', { only: [...V3] }),
  pooltimeout: dur('Wait for a free connection.', { only: [...V3] }),
  minidleconns: int('Minimum idle connections.', { only: [...V3] }),
  maxidleconns: int('Maximum idle connections.', { only: [...V3] }),
  maxactiveconns: int('Maximum active connections.', { only: [...V3] }),
  connmaxidletime: dur('Close connections idle this long.', { only: [...V3] }),
  connmaxlifetime: dur('Close connections this old.', { only: [...V3] }),
  maxredirects: int('Cluster: maximum redirects.', { only: [...V3] }),
  readonly: bool('Cluster: read from replicas.', { only: [...V3] }),
  routebylatency: bool('Cluster: route read-only commands to the closest node.', { only: [...V3] }),
  routerandomly: bool('Cluster: route read-only commands randomly.', { only: [...V3] }),
  mastername: str('Sentinel master name.', { only: [...V3] }),
  disableidentity: bool('Do not send CLIENT SETINFO.', { only: [...V3] }),
  identitysuffix: str('Suffix of the client library name.', { only: [...V3] }),
  unstableresp3: bool('Enable unstable RESP3 features.', { only: [...V3] }),
  pool: struct(
    {
      maxidle: int('Maximum idle connections.'),
      maxactive: int('Maximum connections (0 = no limit).'),
      idletimeout: dur('Close idle connections after this long (Go duration).'),
    },
    'Connection pool (2.8 only; 3.x uses the go-redis options poolsize, minidleconns, ...).',
    { only: ['2.8'] },
  ),
  tls: struct(
    {
      certificate: str('Client certificate (PEM file).'),
      key: str('Client key (PEM file).'),
      rootcas: strList('CA certificates to trust (PEM files). 3.1 name of clientcas.', { only: [...V31] }),
      clientcas: strList('CA certificates to trust (PEM files); renamed rootcas in 3.1.', { only: [...V30] }),
    },
    'TLS to redis (3.x). `enabled` is read by no release: TLS is on when this block sets certificate, key or CAs.',
    { only: [...V3] },
  ),
};

const endpoint = structType({
  name: str('Identifies the endpoint in logs. Required by the docs.'),
  disabled: bool('Skip this endpoint.'),
  url: str('URL events are POSTed to. Required by the docs (without it every event fails).'),
  headers: headers('Static headers added to every request; each value is a LIST of strings.'),
  timeout: dur('HTTP timeout (Go duration; <= 0 becomes 1s).', { default: '1s' }),
  threshold: int('Failures before backing off (<= 0 becomes 10).', { default: 10 }),
  backoff: dur('Backoff after failures (Go duration; <= 0 becomes 1s).', { default: '1s' }),
  ignoredmediatypes: strList('Media types whose events are not sent.'),
  ignore: struct(
    {
      mediatypes: strList('Media types to ignore.'),
      actions: list({ t: 'string' }, 'Actions to ignore: pull, push, mount, delete.'),
    },
    'Events not to send.',
  ),
});

export const configFields: Fields = {
  version: { type: { t: 'version' }, doc: 'Configuration format version. Must be 0.1.', enum: ['0.1'], required: true },
  log: struct(
    {
      accesslog: struct({ disabled: bool('Turn off the access log.', { default: false }) }, 'Access log.', { go: 'ACCESSLOG' }),
      level: { type: { t: 'loglevel' }, doc: 'Log level: error, warn, info or debug.', enum: LOG_LEVELS, default: 'info' },
      formatter: str('Log format: text, json or logstash.', { enum: ['text', 'json', 'logstash'], enumSeverity: 'error', default: 'text' }),
      fields: params({}, 'Static fields added to every log line.', { open: true }),
      hooks: list(
        structType({
          disabled: bool('Turn the hook off.'),
          type: str('Hook type; only mail does anything.', { enum: ['mail'] }),
          levels: list({ t: 'string' }, `Log levels that fire the hook (${HOOK_LEVELS.join(', ')}).`),
          options: struct(
            {
              smtp: struct(
                { addr: str('SMTP server host:port.'), username: str('SMTP user.'), password: str('SMTP password.'), insecure: bool('Skip TLS verification.') },
                'SMTP server.',
              ),
              from: str('Sender address.'),
              to: strList('Recipients.'),
            },
            'Mail options.',
            { go: 'MAILOPTIONS' },
          ),
        }),
        'Log hooks (e.g. mail on error).',
      ),
      reportcaller: bool('Add the calling function to log lines.', { only: [...V3] }),
    },
    'Logging.',
  ),
  loglevel: { type: { t: 'loglevel' }, doc: 'Deprecated top-level log level; use log.level.', enum: LOG_LEVELS, deprecated: 'use log.level' },
  storage: {
    type: { t: 'typed', kind: 'storage', fields: storageFields },
    doc: 'Storage: exactly one driver (filesystem, inmemory, s3, ...) plus optional maintenance, cache, delete, redirect (and tag in 3.x). May also be a bare driver name.',
    required: true,
  },
  auth: {
    type: {
      t: 'typed',
      kind: 'auth',
      fields: {
        silly: params(
          { realm: str('Realm. Required.', { required: true }), service: str('Service. Required.', { required: true }) },
          'Development-only auth: any Authorization header passes.',
        ),
        htpasswd: params(
          {
            realm: str('Realm. Required.', { required: true }),
            path: str('htpasswd file (bcrypt entries only). Required; created with a random user if missing.', { required: true }),
          },
          'Basic auth from an htpasswd file.',
        ),
        token: params(
          {
            realm: str('Token server URL. Required.', { required: true }),
            service: str('Service name. Required.', { required: true }),
            issuer: str('Token issuer. Required.', { required: true }),
            rootcertbundle: str('Certificates whose keys sign tokens (2.8: required; 3.x: this and/or jwks).'),
            jwks: str('JWKS file with the signing keys.', { only: [...V3] }),
            autoredirect: bool('Redirect to the realm on the registry host.'),
            autoredirectpath: str('Path used with autoredirect.', { only: [...V3] }),
            signingalgorithms: strList('Accepted JWT algorithms: EdDSA, HS256/384/512, RS256/384/512, ES256/384/512, PS256/384/512.', { only: [...V3] }),
          },
          'Bearer tokens from a token server.',
        ),
        none: params({}, 'No authentication.'),
      },
    },
    doc: 'Authentication: exactly one of silly, htpasswd, token (or none). May also be a bare name.',
  },
  middleware: {
    type: { t: 'map', elem: { t: 'slice', elem: middlewareEntry }, keyDoc: 'registry, repository or storage' },
    doc: 'Middleware per injection point (registry, repository, storage).',
  },
  reporting: struct(
    {
      bugsnag: struct(
        { apikey: str('Bugsnag API key.'), releasestage: str('Release stage.'), endpoint: str('Enterprise endpoint.') },
        'Bugsnag error reporting.',
      ),
      newrelic: struct(
        { licensekey: str('New Relic license key.'), name: str('Application name.'), verbose: bool('Debug output.') },
        'New Relic (not compiled into most builds).',
        { go: 'NEWRELIC' },
      ),
    },
    'Error reporting (2.8 only).',
    { only: [...V2] },
  ),
  http: struct(
    {
      addr: str('Listen address, e.g. :5000 or 127.0.0.1:5000 (empty: a random port on all interfaces).', { default: ':5000' }),
      net: str('Listener network: tcp or unix.', { enum: ['tcp', 'unix'], enumSeverity: 'error', default: 'tcp' }),
      host: str('Externally reachable URL of the registry, used in Location headers.'),
      prefix: str('Path prefix when served below /.'),
      secret: str('Random secret signing upload state. Set it (same value on every instance behind a load balancer).'),
      relativeurls: bool('Return relative URLs in Location headers.', { go: 'RELATIVEURLS' }),
      draintimeout: dur('Time to drain connections on shutdown (Go duration, e.g. 60s).', { go: 'DRAINTIMEOUT' }),
      tls: struct(
        {
          certificate: str('Server certificate (PEM file).'),
          key: str('Server private key (PEM file).'),
          clientcas: strList('CAs for client certificates (turns on mTLS).', { go: 'CLIENTCAS' }),
          clientauth: str('Client certificate policy.', {
            only: [...V3],
            enum: ['request-client-cert', 'require-any-client-cert', 'verify-client-cert-if-given', 'require-and-verify-client-cert'],
            enumSeverity: 'error',
          }),
          minimumtls: str('Lowest TLS version (2.8: tls1.0-tls1.3; 3.x: tls1.2, tls1.3).', {
            default: 'tls1.2',
            enum: ['tls1.0', 'tls1.1', 'tls1.2', 'tls1.3'],
            enumSeverity: 'off',
            go: 'MINIMUMTLS',
          }),
          ciphersuites: strList('Allowed cipher suites (Go names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).', { go: 'CIPHERSUITES' }),
          letsencrypt: struct(
            {
              cachefile: str("Where certificates are cached (2.8: a file; 3.x: a directory). Turns Let's Encrypt on."),
              email: str('Account email.'),
              hosts: strList('Host names certificates may be requested for.'),
              directoryurl: str('ACME directory URL.', { only: [...V3] }),
            },
            "TLS certificates from Let's Encrypt (needs port 443 reachable).",
            { go: 'LETSENCRYPT' },
          ),
        },
        'TLS for the registry listener.',
      ),
      headers: headers('Headers added to every response; each value is a LIST of strings.'),
      debug: struct(
        {
          addr: str('Debug server address (pprof, expvar), e.g. :5001.'),
          prometheus: struct(
            { enabled: bool('Serve Prometheus metrics.'), path: str('Metrics path.', { default: '/metrics' }) },
            'Prometheus metrics on the debug server.',
          ),
        },
        'Debug server.',
      ),
      http2: struct({ disabled: bool('Only serve HTTP/1.1.') }, 'HTTP/2.', { go: 'HTTP2' }),
      h2c: struct({ enabled: bool('Serve HTTP/2 without TLS.') }, 'Cleartext HTTP/2 (3.x).', { only: [...V3] }),
    },
    'The HTTP listener.',
    { go: 'HTTP' },
  ),
  notifications: struct(
    {
      events: struct({ includereferences: bool('Include references in manifest events.') }, 'Event format.', { go: 'EVENTCONFIG' }),
      endpoints: list(endpoint, 'Webhook endpoints.'),
    },
    'Webhook notifications.',
  ),
  redis: struct(redisV3, 'Redis (for the blob descriptor cache). 2.8/3.0 use addr, 3.1 uses addrs.'),
  health: struct(
    {
      storagedriver: struct(
        { enabled: bool('Check the storage driver.'), interval: dur('Time between checks.', { default: '10s' }), threshold: int('Failures before unhealthy.') },
        'Storage driver health check.',
        { go: 'STORAGEDRIVER' },
      ),
      file: list(structType(check({ file: str('Path of the file; the registry is unhealthy while it exists.') })), 'File checks.', { go: 'FILECHECKERS' }),
      http: list(
        structType(
          check({
            uri: str('URI to check.'),
            headers: headers('Request headers (lists).'),
            statuscode: int('Expected status.', { default: 200 }),
            timeout: dur('Request timeout.'),
          }),
        ),
        'HTTP checks.',
        { go: 'HTTPCHECKERS' },
      ),
      tcp: list(structType(check({ addr: str('host:port to connect to.'), timeout: dur('Connect timeout.') })), 'TCP checks.', { go: 'TCPCHECKERS' }),
    },
    'Health checks (/debug/health).',
  ),
  catalog: struct({ maxentries: int('Maximum repositories per catalog page (<= 0 becomes 1000).', { default: 1000 }) }, 'The /v2/_catalog endpoint.'),
  tags: struct(
    { maxtags: int('Maximum tags per list page (0 becomes 1000; negative fails).', { default: 1000, schema: { minimum: 0 } }) },
    'The tags list endpoint (3.1).',
    { only: [...V31] },
  ),
  proxy: struct(
    {
      remoteurl: str('Upstream registry URL; turns on pull-through cache mode (pushes refused).'),
      username: str('Upstream username.'),
      password: str('Upstream password.'),
      ttl: dur('How long cached content is kept.', { only: [...V3], default: '168h' }),
      exec: struct(
        { command: str('Credential helper command.'), lifetime: dur('How long its credentials are cached.') },
        'Credential helper for the upstream.',
        { only: [...V3] },
      ),
      cachewritetimeout: dur('Timeout for writing pulled content to the cache.', { only: [...V31] }),
    },
    'Pull-through cache.',
  ),
  compatibility: struct(
    {
      schema1: struct(
        {
          signingkeyfile: str('Key signing schema1 manifests.', { go: 'TRUSTKEY' }),
          enabled: bool('Accept schema1 manifests.'),
        },
        'Schema1 manifests (deprecated, removed in 3.x).',
        { deprecated: 'schema1 manifests are deprecated and gone in 3.x' },
      ),
    },
    'Compatibility options (2.8 only).',
    { only: [...V2] },
  ),
  validation: struct(
    {
      enabled: bool('Deprecated: use disabled.', { deprecated: 'use validation.disabled' }),
      disabled: bool('Turn manifest validation off.'),
      manifests: struct(
        {
          urls: struct(
            { allow: strList('RE2 regexps foreign-layer URLs must match.'), deny: strList('RE2 regexps foreign-layer URLs must not match.') },
            'Foreign-layer URL rules.',
            { go: 'URLS' },
          ),
          indexes: struct(
            {
              platforms: str('Which platforms of an index must be present: all, none or list (case-insensitive).', {
                enum: ['all', 'none', 'list'],
                enumSeverity: 'error',
                enumCaseInsensitive: true,
                default: 'all',
              }),
              platformlist: list(
                structType({ architecture: str('CPU architecture, e.g. amd64.'), os: str('OS, e.g. linux.') }),
                'Platforms required when platforms is list.',
              ),
            },
            'Image index validation (3.x).',
            { only: [...V3] },
          ),
        },
        'Manifest validation.',
      ),
    },
    'Validation of pushed manifests.',
  ),
  policy: struct(
    {
      repository: struct({ classes: strList('Allowed repository classes.') }, 'Repository policy.'),
    },
    'Policies.',
  ),
};

export const rootField: Field = { type: { t: 'struct', fields: configFields }, doc: 'Configuration of the CNCF Distribution registry (docker-registry).' };
