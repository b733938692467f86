// Maps, for those who want them (see app/src/ui/components/map_panel.rs).
// Pages work fully without this file: it only reveals a "Show map" button
// and, when pressed, loads Leaflet from our own origin and draws the map.
const LEAFLET = "/vendor/leaflet-LEAFLET_VERSION";

let leaflet;
function loadLeaflet() {
  leaflet ??= new Promise((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = `${LEAFLET}/leaflet.css`;
    document.head.append(css);
    const script = document.createElement("script");
    script.src = `${LEAFLET}/leaflet.js`;
    script.onload = () => resolve(window.L);
    script.onerror = reject;
    document.head.append(script);
  });
  return leaflet;
}

// The places of a list's cards (app/src/ui/components/gathering_card.rs):
// each card says its title and link once, and its coordinates beside them.
function cardPlaces(listId) {
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return [];
  const places = [];
  for (const card of list.querySelectorAll("[data-lat]")) {
    const link = card.querySelector(".card-title a");
    if (!link) continue;
    places.push({
      lat: Number(card.dataset.lat),
      lng: Number(card.dataset.lng),
      title: link.textContent,
      href: link.getAttribute("href"),
    });
  }
  return places;
}

function draw(L, box, data) {
  L.Icon.Default.imagePath = `${LEAFLET}/images/`;
  const map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
  const bounds = L.latLngBounds([]);
  if (data.circle) {
    const centre = L.latLng(data.circle.lat, data.circle.lng);
    L.circle(centre, { radius: data.circle.radius_m, weight: 1, fillOpacity: 0.08 }).addTo(map);
    // The circle's own bounds need a drawn map; the centre's do not.
    bounds.extend(centre.toBounds(data.circle.radius_m * 2));
  }
  if (data.area) {
    const outline = L.geoJSON(data.area, { weight: 2, fillOpacity: 0.08 }).addTo(map);
    bounds.extend(outline.getBounds());
  }
  for (const place of [...data.markers, ...cardPlaces(data.cards)]) {
    // The title becomes the marker's accessible name; the popup links to
    // the gathering, like its card in the list.
    const marker = L.marker([place.lat, place.lng], { title: place.title, alt: place.title }).addTo(map);
    const link = document.createElement("a");
    link.href = place.href;
    link.textContent = place.title;
    marker.bindPopup(link);
    bounds.extend([place.lat, place.lng]);
  }
  map.fitBounds(bounds.pad(0.1), { maxZoom: 15 });
}

for (const panel of document.querySelectorAll("[data-map]")) {
  const data = JSON.parse(panel.dataset.map);
  const button = panel.querySelector(".map-toggle");
  const box = panel.querySelector(".map");
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.hidden = true;
    button.setAttribute("aria-expanded", "true");
    box.hidden = false;
    try {
      draw(await loadLeaflet(), box, data);
    } catch (error) {
      console.error("map:", error);
      box.textContent = data.unavailable;
    }
  });
}

// Place pickers on organisers' forms: a tap on the map writes its
// coordinates into the place field, which the server reads as usual.
function coordinates(text) {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function pick(L, box, data) {
  L.Icon.Default.imagePath = `${LEAFLET}/images/`;
  const input = document.getElementById(data.target);
  const start = coordinates(input.value);
  const map = L.map(box).setView(start ?? [30, 10], start ? 15 : 2);
  L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
  let marker = start ? L.marker(start).addTo(map) : null;
  map.on("click", (event) => {
    const { lat, lng } = event.latlng.wrap();
    input.value = `${lat.toFixed(5)}, ${lng.toFixed(5)}`;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    marker ??= L.marker([lat, lng]).addTo(map);
    marker.setLatLng([lat, lng]);
  });
}

for (const panel of document.querySelectorAll("[data-map-picker]")) {
  const data = JSON.parse(panel.dataset.mapPicker);
  const button = panel.querySelector(".map-toggle");
  const box = panel.querySelector(".map");
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.hidden = true;
    button.setAttribute("aria-expanded", "true");
    box.hidden = false;
    try {
      pick(await loadLeaflet(), box, data);
    } catch (error) {
      console.error("map:", error);
      box.textContent = data.unavailable;
    }
  });
}
