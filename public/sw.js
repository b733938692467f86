// Common Ground's service worker. Kept small and dependency-free.
//
// - The app shell (stylesheet, icons, manifest, the offline page) is cached
//   at install; the JS/WASM bundle lives under a content-hashed /pkg/ path
//   and is cached the first time it is used (cache first: it never changes).
// - Pages are fetched from the network first, so they are always fresh
//   online; the last copy of each page visited is kept (at most MAX_PAGES),
//   so gatherings opened or joined stay readable offline.
// - Anything else offline gets the offline page.
// The build replaces BUNDLE_VERSION with the bundle hash, so every deploy
// installs a new worker, which takes over at once and drops old caches.

const VERSION = "BUNDLE_VERSION";
const SHELL = `shell-${VERSION}`;
const PAGES = "pages";
const MAX_PAGES = 40;
const SHELL_FILES = [
  "/offline",
  "/style.css",
  "/places.js",
  "/map.js",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== SHELL && n !== PAGES).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Signing out on a shared phone, or deleting the account: the pages this
  // person kept offline (their replies, gatherings they opened) go with
  // them. The request itself goes to the network as usual.
  const leaving = url.pathname === "/sign-out" || url.pathname === "/account/delete";
  if (request.method === "POST" && url.origin === self.location.origin && leaving) {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET" || url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(pageNetworkFirst(request));
  } else if (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/vendor/")) {
    event.respondWith(cacheFirst(request, SHELL));
  } else if (SHELL_FILES.includes(url.pathname) || url.pathname.startsWith("/icons/")) {
    event.respondWith(staleWhileRevalidate(request, SHELL));
  }
});

// Organisers' pages hold other people's addresses and change often: never
// kept offline, so a shared phone does not keep them after signing out.
// Nor is a person's secret calendar address (opened from its email), nor
// a door page (it shows the guests looked up).
const PRIVATE_PAGES =
  /^\/(sign-in|invitations|account|my-data)(\/|$)|^\/my\/calendar\/|^\/hosts\/?$|^\/hosts\/[^/]+\/(team|gatherings|edit)|^\/events\/[^/]+\/manage$|^\/events\/[^/]+\/dates\/[^/]+\/door|^\/offices\/|^\/(moderation|admin)(\/|$)/;

// One-time notices ("You are coming", "Saved") ride on the query string;
// a page is kept under its address without them, so the copy of a
// gathering after replying is the one that opens offline.
const NOTICES = ["rsvp", "saved", "sponsored"];

function pageKey(request) {
  const url = new URL(request.url);
  for (const name of NOTICES) url.searchParams.delete(name);
  url.hash = "";
  return url.toString();
}

async function pageNetworkFirst(request) {
  const pages = await caches.open(PAGES);
  const keep = !PRIVATE_PAGES.test(new URL(request.url).pathname);
  const key = pageKey(request);
  try {
    const response = await fetch(request);
    if (response.ok && keep) {
      await pages.put(key, response.clone());
      trim(pages);
    }
    return response;
  } catch {
    return (await pages.match(key)) ?? (await caches.match("/offline")) ?? Response.error();
  }
}

async function cacheFirst(request, name) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(name)).put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request, name) {
  const cache = await caches.open(name);
  const cached = await cache.match(request);
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached ?? fresh;
}

// Oldest pages go first once there are too many.
async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map((key) => cache.delete(key)));
}
