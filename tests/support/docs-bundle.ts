// The renderer built alone as a bundle (local/renderer-bundle.ts), for tests.
export { docsBundleDir, docsRuntime, distWithRenderer } from '../../local/renderer-bundle';
