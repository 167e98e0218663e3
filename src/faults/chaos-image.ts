import { join } from 'node:path';
import { imageVariable, officialImages, resolveImageCatalog } from '../images/image-catalog.js';
import { projectRoot } from '../project-root.js';
import { docker } from '../topology/docker-client.js';
import { buildImage } from '../topology/image-build.js';

let ready: Promise<string> | undefined;

/**
 * The chaos helper image, built on first use when it is the default one and missing: no registry
 * publishes it, so an installed package builds it from its own fixtures/chaos-helper/Dockerfile
 * (where registries are reachable; offline, `scripts/setup.sh` builds it from Debian's packages).
 * An image named by FAULTLINE_CHAOS_IMAGE is used as it is.
 */
export function chaosImage(): Promise<string> {
  ready ??= (async () => {
    const image = resolveImageCatalog().chaos;
    const present = await (await docker())
      .getImage(image)
      .inspect()
      .then(() => true, () => false);
    if (present || image !== officialImages.chaos) return image;
    return buildImage({ kind: 'dockerfile', context: join(projectRoot, 'fixtures', 'chaos-helper'), tag: image }, `the chaos helper (${imageVariable('chaos')})`);
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}
