/**
 * Reuse stage: wire copy and near-duplicates between articles.
 *
 *   const index = ReuseIndex.inMemory();              // or ReuseIndex.overStore(store, storeTextSource(store))
 *   const links = await addToIndex(index, { id, text, publishedAt });
 *   const again = await findReuse(index, id);          // or findReuse(index, 'some text')
 *   const passages = alignPassages(textA, textB);     // offsets into both texts
 */
import type { ReuseLink } from '../model.ts';
import { contractLink, ReuseIndex, type QueryOptions, type ReuseDoc, type ReuseFinding } from './reuse-index.ts';

export { alignPassages, alignTokens, coverageOf, DEFAULT_ALIGN, type AlignParams, type TokenPassage } from './align.ts';
export { creditedAgency } from './agency.ts';
export { MemoryReuseBackend, StoreReuseBackend, LINK_STAGE, SIG_STAGE, type ReuseBackend, type ReuseStore, type StoredSignature } from './backend.ts';
export { DEFAULT_PARAMS, withParams, type ReuseParams, type ReuseParamsInput, type CopyRule } from './params.ts';
export { classify, contractLink, mirrorLink, rawToText, ReuseIndex, toRaw, type QueryOptions, type ReuseDoc, type ReuseFinding, type ReuseIndexOptions, type ReuseKind, type TextSource } from './reuse-index.ts';
export { groupNearDuplicates } from './groups.ts';
export { storeTextSource, reuseDocFromArticle } from './store-text.ts';
export { keyTokens, matchForm, type TokenSeq } from './tokens.ts';

/** Adds an article and returns its links to earlier indexed articles (copies and near-duplicates). */
export async function addToIndex(index: ReuseIndex, doc: ReuseDoc, options?: QueryOptions): Promise<ReuseFinding[]> {
  return index.add(doc, options);
}

/**
 * Links of an indexed article (by id: re-queries with its stored text) or of a free text (not added).
 * Returns contract-ready ReuseLink records, strongest first.
 */
export async function findReuse(index: ReuseIndex, idOrDoc: string | ReuseDoc, options?: QueryOptions & { text?: string }): Promise<ReuseLink[]> {
  const found = await findReuseDetailed(index, idOrDoc, options);
  return found.map(contractLink);
}

/** Like findReuse, with kind, other side's coverage and shared word count. */
export async function findReuseDetailed(index: ReuseIndex, idOrDoc: string | ReuseDoc, options?: QueryOptions): Promise<ReuseFinding[]> {
  if (typeof idOrDoc !== 'string') return index.query(idOrDoc, options);
  const doc = await index.docOf(idOrDoc);
  if (doc) return index.query(doc, options);
  return index.query({ id: '\u0000query', text: idOrDoc }, options);
}
