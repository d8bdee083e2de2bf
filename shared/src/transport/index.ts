// Transport: the front door of shared/src/transport (layer 3: HTTP to one registry, above credentials).
// Front ends talk to registries through the registry client (shared/src/registry), not through this:
// what they need of it are its errors, TLS settings and deadlines.
export { RegistryError, isRegistryError, type RegistryErrorCode, type RegistryErrorInit } from './registry-error';
export { errorFromNetwork, errorFromResponse, type ErrorContext } from './error-advice';
export { defaultCertsDir, isListedInsecure, type TlsSettings, type ResolvedTls } from './tls';
export { readClientCertificate, clientPairProblem, type ClientCertificateFiles } from './client-certificate';
export { DeadlineError, withDeadline, deadlineOf, type Deadline } from './deadline';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { Transport, MAX_ERROR_BODY_BYTES, type TransportOptions, type TransportRequest, type TransportResponse, type PingResult } from './transport';
export { dockhandUserAgent, isDockhandUserAgent, DOCKHAND_VERSION, type DockhandProduct } from './user-agent';
