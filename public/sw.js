// Common Ground's service worker. Kept small and dependency-free.
//
// - The app shell (stylesheet, icons, manifest, the offline page) is cached
//   at install; the JS/WASM bundle lives under a content-hashed /pkg/ path
//   and is cached the first time it is used (cache first: it never changes).
// - Pages are fetched from the network first, so they are always fresh
//   online; the last copy of each page visited is kept (at most MAX_PAGES),
//   so gatherings opened or joined stay readable offline.
// - Anything else offline gets the offline page.
// - At the door (app/src/ui/pages/door.rs, public/door.js): a check-in, an
//   undo or a walk-in posted without signal is kept in a queue
//   (IndexedDB) and sent when the door page asks, once there is signal;
//   the server counts each once however often it arrives. The door page
//   itself is kept only bare (nothing looked up), so no guest's name stays
//   on the phone.
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
  "/door.js",
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
  if (request.method === "POST" && url.origin === self.location.origin && DOOR_WRITE.test(url.pathname)) {
    event.respondWith(sendOrKeep(request));
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

// Organisers' pages hold other people's addresses and words and change
// often: never kept offline, so a shared phone does not keep them after
// signing out. Nor is a page opened with a key from an email (a calendar
// address, a follow-up and its story, stopping messages), nor a door page
// (it shows the guests looked up).
const PRIVATE_PAGES =
  /^\/(sign-in|invitations|account|my-data|follow-up|messages)(\/|$)|^\/my\/calendar\/|^\/hosts\/?$|^\/hosts\/[^/]+\/(team|gatherings|edit|impact)|^\/events\/[^/]+\/(manage|stories|messages)$|^\/events\/[^/]+\/dates\/[^/]+\/door|^\/offices\/|^\/(moderation|admin)(\/|$)/;

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
  const url = new URL(request.url);
  // A door page is kept only without anything looked up, and opens bare
  // offline whatever was asked of it.
  const door = DOOR_PAGE.test(url.pathname);
  const keep = door
    ? url.search === ""
    : !PRIVATE_PAGES.test(url.pathname) && !url.searchParams.has("token");
  const key = door ? url.origin + url.pathname : pageKey(request);
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

// ---- At the door, without signal ----

const DOOR_PAGE = /^\/events\/[^/]+\/dates\/[^/]+\/door$/;
const DOOR_WRITE = /^\/events\/[^/]+\/dates\/[^/]+\/door\/(check-in|undo|walk-ins)$/;

// Sent at once when there is signal; otherwise kept, and the door page
// shown again (from the cache) with a word that it was kept.
async function sendOrKeep(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch {
    await doorQueue("readwrite", (queue) => queue.add({ url: request.url, body }));
    const page = request.url.replace(/\/(check-in|undo|walk-ins)$/, "");
    return Response.redirect(`${page}?kept=1`, 303);
  }
}

// Sends what was kept, oldest first, until the network fails again. A
// refusal (the reply cancelled meanwhile, a code mistyped) is dropped and
// reported; "sign in again" (401, 403) and server trouble keep the rest.
async function sendKept() {
  const kept = await doorQueue("readonly", (queue) => queue.getAll());
  const keys = await doorQueue("readonly", (queue) => queue.getAllKeys());
  const refused = [];
  for (const [i, item] of kept.entries()) {
    let response;
    try {
      response = await fetch(item.url, {
        method: "POST",
        body: item.body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        credentials: "same-origin",
        redirect: "manual",
      });
    } catch {
      break;
    }
    if (response.status === 401 || response.status === 403 || response.status >= 500) break;
    if (response.type !== "opaqueredirect" && !response.ok) {
      refused.push(new URLSearchParams(item.body).get("code") || "?");
    }
    await doorQueue("readwrite", (queue) => queue.delete(keys[i]));
  }
  return refused;
}

self.addEventListener("message", (event) => {
  if (event.data?.type !== "door-send") return;
  event.waitUntil(
    sendKept()
      .catch(() => [])
      .then(async (refused) => {
        for (const client of await self.clients.matchAll()) client.postMessage({ type: "door-sent", refused });
      }),
  );
});

// One request on the door queue (the same store public/door.js reads).
function doorQueue(mode, work) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("door", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("queue", { autoIncrement: true });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction("queue", mode);
      const request = work(transaction.objectStore("queue"));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    };
  });
}
