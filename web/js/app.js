// The web app: a hash router over five pages. No framework, no build step.
import { applyLang, t, toggleLang } from './i18n.js';
import { clear, h } from './dom.js';
import { feedPage } from './pages/feed.js';
import { storyPage } from './pages/story.js';
import { articlePage } from './pages/article.js';
import { entityPage } from './pages/entity.js';
import { searchPage } from './pages/search.js';
import { errorView } from './pages/common.js';

const main = document.getElementById('app');

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { parts, params: new URLSearchParams(query) };
}

function chrome() {
  document.getElementById('brand').textContent = t('brand');
  document.getElementById('nav-feed').textContent = t('feed');
  document.getElementById('nav-search').textContent = t('search');
  document.getElementById('lang-toggle').textContent = t('langToggle');
  const q = document.getElementById('quick-q');
  q.placeholder = t('searchPlaceholder');
  q.setAttribute('aria-label', t('search'));
}

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  const { parts, params } = parseHash();
  const [page, id] = parts;
  clear(main).append(h('p', { class: 'loading' }, t('loading')));
  let view;
  try {
    if (!page) view = await feedPage(params);
    else if (page === 'story' && id) view = await storyPage(id);
    else if (page === 'article' && id) view = await articlePage(id);
    else if (page === 'entity' && id) view = await entityPage(id);
    else if (page === 'search') view = await searchPage(params);
    else view = errorView({ status: 404, message: t('notFound') });
  } catch (e) {
    view = errorView(e);
  }
  if (seq !== renderSeq) return; // a newer navigation won
  clear(main).append(view);
  main.dataset.page = page || 'feed';
  window.scrollTo(0, 0);
}

applyLang();
chrome();
document.getElementById('lang-toggle').addEventListener('click', () => {
  toggleLang();
  chrome();
  render();
});
document.getElementById('quick-search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = document.getElementById('quick-q').value.trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});
window.addEventListener('hashchange', render);
render();
