import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDetailsData } from './detailsData';
import type { Inspection } from '../registry/registryApi';

test('toDetailsData keeps platforms, layers, config and referrers as plain data', () => {
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${'1'.repeat(64)}`, size: 1234 };
  const info: Inspection = {
    registry: 'r:5000',
    repository: 'a',
    reference: '1',
    digest: `sha256:${'a'.repeat(64)}`,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    isIndex: true,
    manifestSize: 300,
    totalSize: 5000,
    platforms: [
      {
        digest: `sha256:${'b'.repeat(64)}`,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        manifestSize: 400,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'c'.repeat(64)}`, size: 10 },
        layers: [layer],
        size: 1244,
        attestation: false,
        configSummary: {
          platform: { os: 'linux', architecture: 'arm64' },
          created: '2025-01-01T00:00:00Z',
          env: ['A=1'],
          labels: { l: 'v' },
          entrypoint: ['/bin/sh'],
          exposedPorts: [],
          volumes: [],
          history: [{ createdBy: 'RUN x', emptyLayer: false }],
          diffIds: [],
        },
      },
    ],
  };
  const d = toDetailsData('r:5000/a:1', info, [
    { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'d'.repeat(64)}`, size: 9, artifactType: 'application/spdx+json' },
  ]);
  assert.equal(d.platforms[0].platform, 'linux/arm64/v8');
  assert.deepEqual(d.platforms[0].layers, [layer]);
  assert.equal(d.platforms[0].config?.created, '2025-01-01T00:00:00Z');
  assert.deepEqual(d.platforms[0].config?.env, ['A=1']);
  assert.equal(d.referrers[0].artifactType, 'application/spdx+json');
  assert.equal(d.totalSize, 5000);
  assert.doesNotThrow(() => JSON.stringify(d));
});
