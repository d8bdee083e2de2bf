// Docker Hub's three names: the one in references, the API endpoint, and the credential key.
export const DOCKER_HUB = 'docker.io';
/** docker.io is served by this host. */
export const DOCKER_HUB_ENDPOINT = 'registry-1.docker.io';
/** The legacy name that also normalizes to docker.io. */
export const DOCKER_HUB_LEGACY = 'index.docker.io';
/** The key Docker uses in config.json `auths` and credential helpers for Docker Hub. */
export const DOCKER_HUB_CREDENTIAL_KEY = 'https://index.docker.io/v1/';
