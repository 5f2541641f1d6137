// The use cases' names for the one error class and the error text, which live in src/domain so that
// src/sheets and src/platform can use them without importing from the layer above.
export { LibraryError, errorText } from '../domain/errors';
