// The use cases' name for the one error class, which lives in src/domain so that src/sheets can throw it
// without importing from the layer above it.
export { LibraryError } from '../domain/errors';
