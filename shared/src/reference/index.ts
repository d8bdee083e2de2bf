// References: the front door of shared/src/reference (the bottom layer: imports nothing of Dockhand).
//   parseReference('ghcr.io/team/app:v1') -> ImageReference; formatReference, manifestReference, parseRegistry, ...
export {
  parseReference,
  parseRepository,
  parseRegistry,
  checkRepositoryPath,
  checkTag,
  checkTagOrDigest,
  manifestReference,
  formatReference,
  familiarReference,
  registryEndpointHost,
  credentialKey,
  isDockerHub,
  InvalidReferenceError,
  type ImageReference,
} from './reference';
export { hostnameOf, isLoopbackHost, isIPv4Address } from './host';
export { DOCKER_HUB, DOCKER_HUB_ENDPOINT, DOCKER_HUB_LEGACY, DOCKER_HUB_CREDENTIAL_KEY } from './docker-hub';
export {
  parseRegistryUrl,
  normalizeRegistryUrl,
  registryHost,
  registryUrlForHost,
  defaultRegistryScheme,
  hasUrlScheme,
  InvalidRegistryUrlError,
  type RegistryUrl,
  type RegistryScheme,
  type InvalidRegistryUrlReason,
} from './registry-url';
