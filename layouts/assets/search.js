// Site search with Pagefind's index in /pagefind/ (built with the site; nothing leaves it). Without JavaScript the
// form still submits and the page lists every report instead.
const form = document.querySelector('.search-form');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const results = document.getElementById('search-results');
const noScript = document.querySelector('.search-no-script');
if (noScript) noScript.hidden = true;

let pagefind;
async function search(query) {
  const words = query.trim();
  if (!words) {
    status.textContent = 'Type a word or phrase to search for.';
    results.hidden = true;
    return;
  }
  status.textContent = 'Searching…';
  pagefind ??= await import('/pagefind/pagefind.js');
  const found = await pagefind.search(words);
  const pages = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  results.replaceChildren(
    ...pages.map((page) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = page.url;
      link.textContent = page.meta.title || page.url;
      const excerpt = document.createElement('p');
      // Pagefind marks the matched words with <mark> in its excerpt of our own pages.
      excerpt.innerHTML = page.excerpt;
      item.append(link, excerpt);
      return item;
    }),
  );
  results.hidden = pages.length === 0;
  const count = found.results.length;
  status.textContent =
    count === 0 ? `No results for “${words}”.` : `${count} ${count === 1 ? 'result' : 'results'} for “${words}”.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const query = input.value;
  history.replaceState(null, '', `?q=${encodeURIComponent(query)}`);
  void search(query);
});

const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  void search(initial);
}
