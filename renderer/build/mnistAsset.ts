/**
 * A Vite plugin that ships MNIST with the editor: the digits of the installed `mnist` package,
 * packed (engine/data/mnistPack.ts), served at `datasets/mnist.dwdata` by the dev server and
 * written there by the production build. The engine worker fetches it when a graph trains on
 * MNIST. It is generated, never committed: the package is the one source of the pixels.
 */
import type { Plugin } from 'vite';
import { packMnist } from '../../engine/data/mnistPack';
import { loadMnistRaw } from '../../engine/hosts/node/mnist';

/** Path of the packed digits, relative to the editor's root. */
export const MNIST_ASSET = 'datasets/mnist.dwdata';

let packed: Promise<Uint8Array> | null = null;
const pack = () => (packed ??= loadMnistRaw().then(packMnist));

export function mnistAsset(): Plugin {
  return {
    name: 'deepwire-mnist-asset',
    configureServer(server) {
      server.middlewares.use(`/${MNIST_ASSET}`, (_req, res, next) => {
        pack().then((bytes) => {
          res.setHeader('Content-Type', 'application/octet-stream');
          res.end(bytes);
        }, next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: MNIST_ASSET, source: await pack() });
    },
  };
}
