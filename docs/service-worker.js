// Service worker: keeps the calculators' runtime and the pages a reader has used, so the
// calculators work offline after the first visit and Pyodide's JavaScript starts from
// compiled code on the next one.
//
// javascripts/calculator-runtime.mjs registers it once Python is ready, as
// service-worker.js?runtime=assets/pyodide/<hash>/ : a new runtime is a new script URL, so
// the browser installs this worker again for it. Installing keeps the runtime's files; the
// page then sends {type: "keep", urls} with what else it used (itself, its scripts, styles,
// search index), and the search's language files are added. Everything is fetched through
// the HTTP cache, so nothing is downloaded twice.
//
// A page neither the network nor the cache has gets a small page of its own: offline, and
// the pages kept on this device.
//
// While online, requests go to the network (that is, the HTTP cache) as if this worker did
// not exist: the browser keeps WebAssembly compiled only for responses from its HTTP cache,
// and serving pyodide.asm.wasm from here would recompile it on every visit (measured: a
// repeat visit took twice as long). Exceptions:
// - pages: from the network (asked for by the browser while this worker starts: navigation
//   preload), from here if that fails,
//   and then everything else comes from here too, until a page loads from the network again
//   (navigator.onLine alone is not enough: it stays true behind a dead connection);
// - the runtime's JavaScript: Chrome compiles scripts kept during install once and stores the
//   result with them, so pyodide.asm.mjs (1.2 MB) is served from here.
// A page with a query string (Material's search highlight `?h=`, an old share link) is the
// same page. Calculator state lives in the fragment, which never reaches this worker.
//
// The calculators' worker also keeps a snapshot of Python's memory in this cache, named inside
// the runtime's folder (javascripts/calculator-worker.mjs): it goes with an old runtime.

// The names this worker shares with the page module and the calculators' worker, written by
// the build (build_scripts/finish/names.py).
importScripts("javascripts/calculator-names.js");
const NAMES = self.calculatorNames;
const CACHE = NAMES.cache;
const SCOPE = new URL(self.registration.scope);
const RUNTIME_ROOT = new URL(NAMES.runtimeRoot, SCOPE).pathname;
const RUNTIME = runtimeFolder();

function runtimeFolder() {
  const folder = new URL(self.location.href).searchParams.get("runtime");
  if (!folder) return null;
  const url = new URL(folder, SCOPE);
  return url.origin === SCOPE.origin && url.pathname.startsWith(RUNTIME_ROOT) ? url : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepRuntime().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    Promise.all([forgetOldRuntimes(), self.registration.navigationPreload?.enable()]),
  );
});

// Set when a page could not be fetched: the site is offline until one can be again.
let offline = false;

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message && message.type === "keep" && Array.isArray(message.urls)) {
    event.waitUntil(keep(message.urls));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !ownURL(url)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (
    RUNTIME &&
    url.pathname.startsWith(RUNTIME.pathname) &&
    url.pathname.endsWith(".mjs")
  ) {
    event.respondWith(cacheFirst(request));
  } else if (offline || !self.navigator.onLine) {
    event.respondWith(fromCache(request));
  }
});

async function page(event) {
  try {
    const response = (await event.preloadResponse) ?? (await fetch(event.request));
    offline = false;
    return response;
  } catch {
    offline = true;
    const cached = await caches.match(event.request, { ignoreSearch: true });
    return cached ?? offlinePage();
  }
}

// --- A page not kept, without a network -----------------------------------------------------
//
// Instead of the browser's own error, a short Norwegian page in the site's look: the reader
// is offline, and these are the pages this device has kept (they work without a network).

const OFFLINE_TEXT = {
  title: "Du er uten nett",
  lead:
    "Siden du prøvde å åpne, er ikke lagret på denne enheten. Disse sidene er lagret, " +
    "og de virker også uten nett:",
  none: "Ingen sider er lagret på denne enheten ennå.",
  again: "Når du er på nett igjen, kan du prøve på nytt.",
  front: "Til forsiden",
};

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function keptPages(cache) {
  const pages = [];
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (!url.pathname.endsWith("/") || url.pathname.startsWith(RUNTIME_ROOT)) continue;
    const html = await (await cache.match(request)).text();
    // The page's own <title>, already escaped as HTML by the build.
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? escapeHTML(url.pathname);
    pages.push({ href: url.pathname, title });
  }
  return pages.sort((a, b) => a.href.localeCompare(b.href));
}

async function offlinePage() {
  const cache = await caches.open(CACHE);
  const pages = await keptPages(cache);
  // The site's own stylesheets, as kept: Material's (named by its hash) and ours.
  const styles = (await cache.keys())
    .map((request) => new URL(request.url).pathname)
    .filter((path) =>
      /\/assets\/stylesheets\/main\.[^/]*\.css$|\/stylesheets\/[^/]*\.css$/.test(path),
    );
  const links = pages
    .map(({ href, title }) => `<li><a href="${escapeHTML(href)}">${title}</a></li>`)
    .join("");
  const body = `<!doctype html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${OFFLINE_TEXT.title}</title>
${styles.map((href) => `<link rel="stylesheet" href="${escapeHTML(href)}">`).join("\n")}
</head><body><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">
<article class="md-content__inner md-typeset">
<h1>${OFFLINE_TEXT.title}</h1>
<p>${pages.length ? OFFLINE_TEXT.lead : OFFLINE_TEXT.none}</p>
${pages.length ? `<ul>${links}</ul>` : ""}
<p>${OFFLINE_TEXT.again} <a href="${escapeHTML(SCOPE.pathname)}">${OFFLINE_TEXT.front}</a></p>
</article></div></div></main></body></html>`;
  return new Response(body, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // Nothing to run here: no script at all, styles from this site only.
      "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:",
    },
  });
}

function ownURL(url) {
  return url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname);
}

async function keepRuntime() {
  if (!RUNTIME) return;
  const cache = await caches.open(CACHE);
  await cache.addAll(NAMES.runtimeFiles.map((name) => new URL(name, RUNTIME).href));
}

async function forgetOldRuntimes() {
  for (const name of await caches.keys()) {
    if (name !== CACHE) await caches.delete(name);
  }
  if (!RUNTIME) return;
  const cache = await caches.open(CACHE);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith(RUNTIME_ROOT) && !path.startsWith(RUNTIME.pathname)) {
      await cache.delete(request);
    }
  }
}

// Pages and the site's own scripts change between builds under the same name: always
// fetched again (from the HTTP cache when it is fresh), so the offline copy is this visit's.
async function keep(urls) {
  const cache = await caches.open(CACHE);
  await keepEach(cache, urls);
  await keepEach(cache, await searchLanguageFiles(cache, urls));
}

async function keepEach(cache, urls) {
  for (const text of urls) {
    let url;
    try {
      url = new URL(text);
    } catch {
      continue;
    }
    if (!ownURL(url) || url.pathname.startsWith(RUNTIME_ROOT)) continue;
    try {
      const response = await fetch(url);
      if (response.ok && !response.redirected) await cache.put(url, response);
    } catch {
      // Offline again: the next visit tries once more.
    }
  }
}

// Material's search worker loads lunr's language support itself (importScripts), so those
// files are not among the page's: name them from the index's languages, as that worker does.
async function searchLanguageFiles(cache, urls) {
  const index = urls.find((text) => text.split(/[?#]/)[0].endsWith("/search/search_index.json"));
  const response = index && (await cache.match(index));
  if (!response) return [];
  let languages;
  try {
    languages = (await response.json()).config?.lang ?? [];
  } catch {
    return [];
  }
  const files = [];
  for (const language of languages) {
    if (language === "ja") files.push("tinyseg.js");
    if (language === "hi" || language === "th") files.push("wordcut.js");
    if (language !== "en") files.push(`min/lunr.${language}.min.js`);
  }
  if (languages.length > 1) files.push("min/lunr.multi.min.js");
  if (files.length) files.push("min/lunr.stemmer.support.min.js");
  const lunr = new URL("assets/javascripts/lunr/", SCOPE);
  return files.map((file) => new URL(file, lunr).href);
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  return fetch(request);
}

async function fromCache(request) {
  return (await caches.match(request)) ?? fetch(request);
}
