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
  // "Online" comes as soon as the phone has a network, which may not reach
  // the server yet: what is still kept is tried again, less and less often.
  let retryIn = 2000;
  navigator.serviceWorker.addEventListener("message", async (event) => {
    if (event.data?.type !== "door-sent") return;
    if ((await show()) > 0) {
      if (navigator.onLine) setTimeout(send, retryIn);
      retryIn = Math.min(retryIn * 2, 60_000);
      return;
    }
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

// Reading a door code with the camera, where the browser can read QR codes
// (BarcodeDetector). A code of this date's door opens its reply; without
// signal it fills the code field, to be checked in and kept until online.
const scan = document.getElementById("door-scan");
if (scan && "BarcodeDetector" in window && navigator.mediaDevices?.getUserMedia) {
  const button = document.getElementById("door-scan-button");
  const video = document.getElementById("door-scan-video");
  const status = document.getElementById("door-scan-status");
  const startLabel = button.textContent;
  let stream = null;

  const stop = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    button.textContent = startLabel;
  };

  // The code in a scanned address of this very door page, or null.
  const codeOf = (text) => {
    try {
      const url = new URL(text);
      if (url.origin !== location.origin || url.pathname !== location.pathname) return null;
      return url.searchParams.get("q");
    } catch {
      return null;
    }
  };

  const found = (code) => {
    stop();
    if (navigator.onLine) {
      location.assign(`${page}?q=${encodeURIComponent(code)}`);
    } else {
      const field = document.getElementById("door-code");
      field.value = code;
      document.getElementById("door-code-people")?.focus();
    }
  };

  const look = async (detector) => {
    if (!stream) return;
    try {
      for (const barcode of await detector.detect(video)) {
        const code = codeOf(barcode.rawValue);
        if (code) return found(code);
        status.textContent = scan.dataset.notOurs;
      }
    } catch {
      // A frame that could not be read; the next one may.
    }
    setTimeout(() => look(detector), 250);
  };

  button.addEventListener("click", async () => {
    if (stream) return stop();
    try {
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      button.textContent = scan.dataset.stop;
      status.textContent = scan.dataset.looking;
      look(detector);
    } catch {
      stop();
      status.textContent = scan.dataset.noCamera;
    }
  });
  scan.hidden = false;
}
