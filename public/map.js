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
  for (const place of data.markers) {
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
