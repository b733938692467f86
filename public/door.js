// The door page without signal (app/src/ui/pages/door.rs). The service
// worker (sw.js) keeps what is posted without signal; this script keeps the
// bare page for offline use, gives every walk-in tap its own key, shows
// what the phone is holding, and asks the worker to send it once there is
// signal. Without this script the page works as plain forms online.
const box = document.getElementById("door-queue");
const page = location.origin + location.pathname;

// A new key per tap: two taps on the page kept offline count twice, one
// tap sent twice (a retry) counts once.
for (const form of document.querySelectorAll("form[action$='/walk-ins']")) {
  form.addEventListener("submit", () => {
    const key = form.querySelector("input[name=key]");
    if (key) key.value = crypto.randomUUID();
  });
}

// What this phone holds for this date.
function kept() {
  return new Promise((resolve) => {
    const open = indexedDB.open("door", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("queue", { autoIncrement: true });
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const request = open.result.transaction("queue").objectStore("queue").getAll();
      request.onsuccess = () => resolve(request.result.filter((item) => item.url.startsWith(`${page}/`)));
      request.onerror = () => resolve([]);
    };
  });
}

async function show() {
  const items = await kept();
  box.hidden = items.length === 0;
  box.textContent = box.dataset.waiting.replace("%n", String(items.length));
  return items.length;
}

async function send() {
  if (!navigator.onLine || !navigator.serviceWorker?.controller) return;
  if ((await show()) === 0) return;
  navigator.serviceWorker.controller.postMessage({ type: "door-send" });
}

if (box && "indexedDB" in window && "serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", async (event) => {
    if (event.data?.type !== "door-sent") return;
    if ((await show()) > 0) return;
    if (event.data.refused.length > 0) {
      box.hidden = false;
      box.textContent = box.dataset.refused.replace("%s", event.data.refused.join(", "));
    } else {
      // Everything arrived: the page as the server now sees it.
      location.replace(page);
    }
  });
  addEventListener("online", send);
  navigator.serviceWorker.ready.then(() => {
    // The bare page (nothing looked up), for opening without signal.
    if (navigator.onLine && "caches" in window) {
      caches.open("pages").then((cache) => cache.add(page)).catch(() => {});
    }
    send();
  });
  show();
}
