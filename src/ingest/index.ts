/** Ingest: files, folders, feeds, WARCs and JSON Lines → stored articles with stable ids. */
export { ingest, type IngestOptions, type IngestProgress } from './ingest.ts';
export { articleId, canonicalText } from './identity.ts';
export { decodeBytes, DecodeError, type Decoded } from './decode.ts';
export { htmlToText, sniffHtmlMeta } from './html.ts';
export { DEFAULT_MAX_FILE_SIZE, type IngestRunReport } from './types.ts';
export { parseSize, formatBytes } from './size.ts';
