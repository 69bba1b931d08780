/**
 * The HTTP server: a read-only JSON API over the store, one authenticated write endpoint
 * (POST /api/articles), the OpenAPI document, and the web app's static files.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';
import { processAll } from '../pipeline.ts';
import { ApiError, errorBody, fromFastifyError, notFound } from './errors.ts';
import { SECURITY_HEADERS, etagMatches, etagOf } from './http.ts';
import { ArticleSearch } from './search-index.ts';
import { StoryCache } from './stories.ts';
import { defaultWebRoot, loadStatic } from './static.ts';
import { ArticlesQuery, IdParam, SearchQuery, StoriesQuery, offsetOf, page, parse } from './params.ts';
import { articleSummary, articleView, entityView, storySummary, storyView } from './views.ts';
import { ingestBody } from './ingest.ts';
import { searchAll } from './search.ts';
import { queryTerms } from './terms.ts';
import { openApiDocument } from './openapi.ts';

export interface AppOptions {
  store: Store;
  /** bearer token for POST /api/articles; without one, ingest over HTTP is disabled (403) */
  token?: string | null;
  /** request body limit in bytes (default 10 MiB) */
  maxBodyBytes?: number;
  webRoot?: string;
  /** run the analysis pipeline after an HTTP ingest (default true) */
  process?: (store: Store) => Promise<void>;
  logger?: boolean;
  onIndexProgress?: (done: number, indexed: number) => void;
}

export interface MarsadApp {
  app: FastifyInstance;
  search: ArticleSearch;
  stories: StoryCache;
}

export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

function sameToken(given: string, expected: string): boolean {
  // compare digests: equal length, constant time
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function authorize(req: FastifyRequest, token: string | null | undefined): void {
  if (!token)
    throw new ApiError(403, 'ingest_disabled', 'this server does not accept articles', 'start it with `marsad serve --token SECRET` (or MARSAD_TOKEN) to enable POST /api/articles');
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m)
    throw new ApiError(401, 'unauthorized', 'a bearer token is required', 'send the header `Authorization: Bearer <token>`', { 'www-authenticate': 'Bearer realm="marsad"' });
  if (!sameToken(m[1], token)) throw new ApiError(403, 'forbidden', 'the token is not valid', 'check the token given to `marsad serve --token` / MARSAD_TOKEN');
}

export async function buildApp(opts: AppOptions): Promise<MarsadApp> {
  const { store } = opts;
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const runPipeline = opts.process ?? ((s: Store) => processAll(s));
  const search = await ArticleSearch.open(store, { onProgress: opts.onIndexProgress });
  const stories = new StoryCache(store);
  await stories.load();
  const files = loadStatic(opts.webRoot ?? defaultWebRoot());

  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: maxBody, return503OnClosing: true });

  // bodies: only POST /api/articles reads one; parse it ourselves (object, array or JSON Lines)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/x-ndjson', 'application/jsonl', 'application/jsonlines', 'text/plain'], { parseAs: 'string', bodyLimit: maxBody }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  // conditional GETs on the API: ETag of the body; clients revalidate (data changes on ingest)
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/openapi.json')) return payload;
    const etag = etagOf(payload);
    reply.header('etag', etag);
    reply.header('cache-control', 'no-cache');
    if (etagMatches(req.headers['if-none-match'], etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  app.setErrorHandler((err, req, reply) => {
    const e = err instanceof ApiError ? err : fromFastifyError(err as { code?: string; statusCode?: number; message?: string });
    if (e.status >= 500) req.log.error(err);
    if (e.status >= 500 && !opts.logger) process.stderr.write(`marsad serve: ${req.method} ${req.url}: ${(err as Error).message}\n`);
    reply.code(e.status).headers(e.headers).type('application/json; charset=utf-8').send(errorBody(e.code, e.message, e.hint));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    const f = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
    if (f) return sendFile(req, reply, f);
    const api = path.startsWith('/api/');
    reply
      .code(api && req.method !== 'GET' && req.method !== 'HEAD' ? 405 : 404)
      .type('application/json; charset=utf-8')
      .send(
        api && req.method !== 'GET' && req.method !== 'HEAD'
          ? errorBody('method_not_allowed', `${req.method} ${path} is not supported`, 'the API is read-only except POST /api/articles')
          : errorBody('not_found', `no such path: ${path}`, api ? 'see /openapi.json for the endpoints' : 'open / for the web app'),
      );
  });

  function sendFile(req: FastifyRequest, reply: FastifyReply, f: { body: Buffer; type: string; etag: string; cacheControl: string }) {
    reply.header('etag', f.etag).header('cache-control', f.cacheControl).type(f.type);
    if (etagMatches(req.headers['if-none-match'], f.etag)) return reply.code(304).send();
    return reply.send(f.body);
  }

  // ------------------------------------------------------------------ read API
  app.get('/api/health', async () => ({ ok: true, articles: search.catalog.size, stories: stories.size }));

  app.get('/api/stats', async () => {
    const s = await store.stats();
    return {
      articles: s.articles,
      stories: s.stories,
      sources: search.catalog.sources(),
      published_from: s.publishedFrom,
      published_to: s.publishedTo,
      analyses: s.analyses,
    };
  });

  app.get('/api/stories', async (req) => {
    const q = parse(StoriesQuery, req.query);
    const offset = offsetOf(q);
    await stories.fresh();
    if (q.q) {
      // text filter: the stem index (Arabic variants), then the other filters in memory
      const terms = queryTerms(q.q);
      const ranked = stories.search(terms).hits.filter((h) => h.matched === terms.length);
      const list = ranked
        .map((h) => h.story)
        .filter((s) => (!q.source || s.sources.includes(q.source)) && (!q.since || !s.dateEnd || s.dateEnd >= q.since) && (!q.until || !s.dateStart || s.dateStart.slice(0, q.until.length) <= q.until));
      if (q.order === 'biggest') list.sort((a, b) => b.articleIds.length - a.articleIds.length);
      return page(list.slice(offset, offset + q.limit).map(storySummary), q.limit, offset, list.length);
    }
    const list = await store.listStories({ order: q.order, source: q.source, since: q.since, until: q.until, limit: q.limit + 1, offset });
    const filtered = !!(q.source || q.since || q.until);
    return page(list.map(storySummary), q.limit, offset, filtered ? null : await store.countStories());
  });

  app.get('/api/stories/:id', async (req) => {
    const { id } = parse(IdParam, req.params);
    const s = await store.getStory(id);
    if (!s) throw notFound('story', id, 'GET /api/stories lists the stories');
    return storyView(store, s);
  });

  app.get('/api/articles', async (req) => {
    const q = parse(ArticlesQuery, req.query);
    const offset = offsetOf(q);
    await stories.fresh();
    if (q.q) {
      search.fresh();
      const res = await searchAll({ store, search, stories }, { q: q.q, type: 'articles', source: q.source, since: q.since, until: q.until, limit: q.limit, offset });
      return { ...page(res.articles.items, q.limit, offset, res.articles.total), terms: res.terms };
    }
    const list = await store.listArticles({ source: q.source, since: q.since, until: q.until, limit: q.limit + 1, offset });
    const filtered = !!(q.source || q.since || q.until);
    return page(
      list.map((a) => articleSummary(a, stories.storyOf(a.id)?.id ?? null, search.catalog.get(a.id)?.title)),
      q.limit,
      offset,
      filtered ? null : search.catalog.size,
    );
  });

  app.get('/api/articles/:id', async (req) => {
    const { id } = parse(IdParam, req.params);
    const a = await store.getArticle(id);
    if (!a) throw notFound('article', id, 'GET /api/articles lists the articles');
    await stories.fresh();
    return articleView(store, a, stories, search.catalog);
  });

  app.get('/api/entities/:id', async (req) => {
    const { id } = parse(IdParam, req.params);
    await stories.fresh();
    const articleIds = search.articlesOfEntity(id);
    if (!stories.entity(id) && articleIds.length === 0) throw notFound('entity', id, 'entity ids appear in stories (entities[].id) and articles (entities[].entity_id)');
    return entityView(store, id, stories, articleIds, search.catalog);
  });

  app.get('/api/search', async (req) => {
    const q = parse(SearchQuery, req.query);
    const offset = offsetOf(q);
    await stories.fresh();
    search.fresh();
    return searchAll({ store, search, stories }, { ...q, offset });
  });

  app.get('/openapi.json', async () => openApiDocument());

  // ------------------------------------------------------------------ write API
  let queue: Promise<unknown> = Promise.resolve();
  app.post('/api/articles', async (req, reply) => {
    authorize(req, opts.token);
    if (typeof req.body !== 'string') throw new ApiError(415, 'unsupported_media_type', 'send the articles as JSON or JSON Lines', 'Content-Type: application/json or application/x-ndjson');
    const body = req.body;
    // one ingest at a time: the pipeline is not meant to run twice concurrently on one store
    const run = queue.then(async () => {
      const res = await ingestBody(store, body, `api:${req.id}`);
      if (res.added.length) {
        await runPipeline(store);
        // new articles (no `search` mark) and any whose clean/entities record just appeared
        await search.refresh();
        await stories.load();
      }
      return res;
    });
    queue = run.catch(() => undefined);
    const res = await run;
    if (res.added.length === 0 && res.existing.length === 0)
      throw new ApiError(422, 'no_valid_records', `no article could be read: ${res.failed.map((f) => `${f.where}: ${f.reason}`).join('; ')}`.slice(0, 2000), 'each record needs a non-empty "text" or "html" field; see /openapi.json');
    reply.code(res.added.length ? 201 : 200);
    return {
      added: res.added.map((id) => ({ id, story_id: stories.storyOf(id)?.id ?? null })),
      existing: res.existing,
      failed: res.failed,
    };
  });

  await app.ready();
  return { app, search, stories };
}
