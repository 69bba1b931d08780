export { buildApp, DEFAULT_MAX_BODY, type AppOptions, type MarsadApp } from './app.ts';
export { startServer, type ServeOptions, type RunningServer } from './serve.ts';
export { ArticleSearch, SEARCH_STAGE } from './search-index.ts';
export { queryTerms, termsOf, snippetOf } from './terms.ts';
export { CONTENT_SECURITY_POLICY } from './http.ts';
