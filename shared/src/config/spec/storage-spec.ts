// storage: the drivers and the non-driver blocks (maintenance, cache, delete, redirect, tag).
import { any, bool, int, params, str, strList } from './builders';
import type { Fields } from './spec-types';

const V2 = ['2.8'] as const;
const V3 = ['3.0', '3.1'] as const;
const V31 = ['3.1'] as const;

/** Driver names per release (upstream). Debian's 2.8.2 build only registers DEBIAN_28_DRIVERS. */
export const DRIVERS = {
  '2.8': ['filesystem', 'inmemory', 's3', 's3aws', 'azure', 'swift', 'gcs', 'oss'],
  // s3-aws registers both "s3" and "s3aws" in v3.0.0-v3.1.1 (s3.go init).
  '3': ['filesystem', 'inmemory', 's3', 's3aws', 'gcs', 'azure'],
} as const;
export const DEBIAN_28_DRIVERS = ['filesystem', 'inmemory', 's3', 'swift'];

/** Keys of `storage` that are not drivers, per release. */
export const NON_DRIVER_KEYS = {
  '2.8': ['maintenance', 'cache', 'delete', 'redirect'],
  '3': ['maintenance', 'cache', 'delete', 'redirect', 'tag'],
} as const;

const s3Fields: Fields = {
  accesskey: str('AWS access key. Omit to use the instance role or the default credential chain.'),
  secretkey: str('AWS secret key.'),
  region: str(
    'AWS region of the bucket, e.g. us-east-1. Required (2.8: always, and checked against the known AWS regions unless regionendpoint is set; 3.x: unless regionendpoint is set).',
  ),
  regionendpoint: str('Endpoint of an S3-compatible service (e.g. MinIO), e.g. http://minio:9000.'),
  bucket: str('Bucket name. Required.', { required: true, strict: true }),
  encrypt: bool('Encrypt data at rest on the server side.', { default: false, strict: true }),
  keyid: str('KMS key id used with encrypt.'),
  secure: bool('Use HTTPS to talk to S3.', { default: true, strict: true }),
  skipverify: bool('Skip TLS verification of the S3 endpoint.', { default: false, strict: true }),
  v4auth: bool('Use AWS signature version 4.', { default: true, strict: true }),
  chunksize: int('Multipart upload chunk size in bytes: 5242880 (5 MiB) to 5368709120 (5 GiB).', {
    default: 10485760,
    schema: { minimum: 5242880, maximum: 5368709120 },
  }),
  multipartcopychunksize: int('Chunk size for multipart copies, bytes.', { default: 33554432 }),
  multipartcopymaxconcurrency: int('Concurrent parts in a multipart copy.', { default: 100 }),
  multipartcopythresholdsize: int('Objects above this size are copied in parts, bytes.', { default: 33554432 }),
  rootdirectory: str('Prefix inside the bucket under which all registry data lives.'),
  storageclass: str('S3 storage class for new objects.', {
    default: 'STANDARD',
    enum: ['STANDARD', 'REDUCED_REDUNDANCY', 'NONE', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'OUTPOSTS', 'GLACIER_IR', 'EXPRESS_ONEZONE'],
    enumSeverity: 'off',
  }),
  objectacl: str('Canned ACL for new objects.', {
    default: 'private',
    enum: ['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control'],
    enumSeverity: 'error',
  }),
  useragent: str('User-Agent sent to S3 (the registry sets its own).'),
  sessiontoken: str('AWS session token for temporary credentials.'),
  usedualstack: bool('Use the dual-stack (IPv6) endpoint.', { only: [...V3] }),
  accelerate: bool('Use S3 Transfer Acceleration.', { only: [...V3] }),
  forcepathstyle: bool('Use path-style bucket URLs (needed by most S3-compatible services).', { only: [...V3] }),
  loglevel: str('AWS SDK log level (a string: quote off, which YAML 1.1 reads as a boolean).', {
    only: [...V3],
    strict: true,
    enum: ['off', 'debug', 'debugwithsigning', 'debugwithhttpbody', 'debugwithrequestretries', 'debugwithrequesterrors', 'debugwitheventstreambody'],
  }),
  usefipsendpoint: bool('Use the FIPS endpoint.', { only: [...V31] }),
};

export const storageFields: Fields = {
  filesystem: params(
    {
      rootdirectory: str('Directory holding all registry data.', { default: '/var/lib/registry' }),
      maxthreads: int('Maximum concurrent filesystem operations; at least 25 (lower values are raised to 25).', { default: 100, schema: { minimum: 25 } }),
    },
    'Local filesystem driver.',
  ),
  inmemory: params({}, 'In-memory driver (tests only: data is lost on restart). Takes no parameters.'),
  s3: params(s3Fields, 'Amazon S3 or S3-compatible driver.'),
  s3aws: params(s3Fields, 'Alias of s3 (2.8 and 3.x).'),
  gcs: params(
    {
      bucket: str('Bucket name. Required.', { required: true }),
      keyfile: str('Path to a service-account JSON key file.'),
      credentials: any('Service-account credentials inline (type, project_id, private_key, client_email, ...).'),
      rootdirectory: str('Prefix inside the bucket.'),
      chunksize: int('Upload chunk size, bytes: at least 262144 (256 KiB) and a multiple of it.', {
        default: 16777216,
        schema: { minimum: 262144, multipleOf: 262144 },
      }),
      maxconcurrency: int('Maximum concurrent operations, at least 25.', { default: 50, schema: { minimum: 25 } }),
    },
    'Google Cloud Storage driver.',
    { only: ['2.8', ...V3] },
  ),
  azure: params(
    {
      accountname: str('Storage account name. Required.', { required: true }),
      accountkey: str('Storage account key (2.8: required).'),
      container: str('Blob container. Required.', { required: true }),
      realm: str('Domain of the storage service.', { default: 'core.windows.net' }),
      rootdirectory: str('Prefix inside the container.', { only: [...V3] }),
      serviceurl: str('Service URL, instead of accountname+realm.', { only: [...V3] }),
      connectionstring: str('Connection string (with accountkey / shared key credentials).', { only: [...V3] }),
      credentials: params(
        {
          type: str('Credential type. Required.', { enum: ['client_secret', 'shared_key', 'default_credentials'], enumSeverity: 'error' }),
          clientid: str('Client id (client_secret).'),
          tenantid: str('Tenant id (client_secret).'),
          secret: str('Client secret (client_secret).'),
        },
        'How to authenticate to Azure.',
        { only: [...V3] },
      ),
      max_retries: int('Maximum retries.', { only: [...V3] }),
      retry_delay: str('Delay between retries, a Go duration string (e.g. 10ms).', { only: [...V3] }),
      skipverify: bool('Skip TLS verification.', { only: [...V3] }),
    },
    'Microsoft Azure Blob Storage driver.',
  ),
  swift: params(
    {
      username: str('Username. Required.', { required: true }),
      password: str('Password. Required.', { required: true }),
      authurl: str('Keystone authentication URL. Required.', { required: true }),
      container: str('Container name. Required.', { required: true }),
      tenant: str('Tenant name.'),
      tenantid: str('Tenant id.'),
      domain: str('Domain name (Keystone v3).'),
      domainid: str('Domain id (Keystone v3).'),
      tenantdomain: str('Tenant domain name.'),
      tenantdomainid: str('Tenant domain id.'),
      trustid: str('Trust id.'),
      region: str('Region.'),
      authversion: int('Keystone version (1, 2 or 3); auto-detected by default.', { strict: true }),
      endpointtype: str('Endpoint type.', { default: 'public' }),
      insecureskipverify: bool('Skip TLS verification.', { strict: true }),
      chunksize: int('Segment size, bytes, at least 1048576 (1 MiB).', { default: 20971520, schema: { minimum: 1048576 }, strict: true }),
      prefix: str('Prefix inside the container.'),
      secretkey: str('Secret key for temporary URLs.'),
      accesskey: str('Access key for temporary URLs.'),
      tempurlcontainerkey: bool('Use the container key for temporary URLs.', { strict: true }),
      tempurlmethods: strList('HTTP methods allowed with temporary URLs.'),
    },
    'OpenStack Swift driver (2.8 only).',
    { only: [...V2] },
  ),
  oss: params(
    {
      accesskeyid: str('Access key id. Required.', { required: true }),
      accesskeysecret: str('Access key secret. Required.', { required: true }),
      region: str('Region. Required.', { required: true }),
      bucket: str('Bucket. Required.', { required: true }),
      endpoint: str('Endpoint.'),
      internal: bool('Use the internal endpoint.'),
      encrypt: bool('Server-side encryption.'),
      secure: bool('Use HTTPS.'),
      chunksize: int('Chunk size, bytes, at least 5242880.', { schema: { minimum: 5242880 } }),
      rootdirectory: str('Prefix inside the bucket.'),
    },
    'Alibaba Cloud OSS driver (2.8 only).',
    { only: [...V2] },
  ),
  maintenance: params(
    {
      uploadpurging: params(
        {
          enabled: bool('Purge old unfinished uploads.', { default: true }),
          age: str('Uploads older than this are purged; a Go duration string.', {
            default: '168h',
            strict: true,
            schema: { pattern: '^([0-9]+(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$' },
          }),
          interval: str('How often the purge runs; a Go duration string.', {
            default: '24h',
            strict: true,
            schema: { pattern: '^([0-9]+(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$' },
          }),
          dryrun: bool('Only log what would be purged.', { default: false, strict: true }),
        },
        'Upload purging. A present block replaces the defaults: give enabled, age, interval and dryrun (or just enabled: false).',
      ),
      readonly: params(
        {
          enabled: bool('Refuse writes (pushes and deletes), e.g. during garbage collection.', { default: false, strict: true }),
        },
        'Read-only mode.',
      ),
    },
    'Maintenance: upload purging and read-only mode. Not a driver.',
  ),
  cache: params(
    {
      blobdescriptor: str('Blob descriptor cache: inmemory or redis (redis needs the redis section).', { enum: ['inmemory', 'redis'] }),
      layerinfo: str('Old name of blobdescriptor.', { deprecated: 'use blobdescriptor', enum: ['inmemory', 'redis'] }),
      blobdescriptorsize: int('Size of the inmemory blob descriptor cache.', { only: [...V3], default: 10000, strict: true }),
    },
    'Caching of blob metadata. Not a driver.',
  ),
  delete: params(
    {
      enabled: bool('Allow deleting blobs and manifests (needed for garbage collection). A non-boolean silently means false.', { default: false }),
    },
    'Deletion. Not a driver.',
  ),
  redirect: params(
    {
      disable: bool('Serve blobs through the registry instead of redirecting clients to the backend. Required when the block exists.', {
        default: false,
        strict: true,
        required: true,
      }),
    },
    'Backend redirects. Not a driver.',
  ),
  tag: params(
    {
      concurrencylimit: int('Concurrent tag lookups, 0 = GOMAXPROCS.', { schema: { minimum: 0 }, strict: true }),
    },
    'Tag lookup tuning (3.x). Not a driver in 3.x; a second driver in 2.8.',
    { only: [...V3] },
  ),
};
