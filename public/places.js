// Place-name suggestions while typing (see the search form in
// app/src/ui/components/search_form.rs). Without this file the form still
// works: the server looks the typed name up itself.
const input = document.querySelector("input[list=place-suggestions]");
const list = document.getElementById("place-suggestions");
let timer;
let shown = "";

async function suggest(prefix) {
  const response = await fetch(`/api/places?${new URLSearchParams({ prefix })}`);
  if (!response.ok) return;
  const places = await response.json();
  // Only the latest answer counts: typing may have moved on.
  if (input.value.trim() !== prefix) return;
  list.replaceChildren(
    ...places.map((place) => {
      const option = document.createElement("option");
      option.value = place.name;
      option.label = `${place.name} (${place.country_code})`;
      return option;
    }),
  );
}

if (input && list) {
  input.addEventListener("input", () => {
    const prefix = input.value.trim();
    clearTimeout(timer);
    if (prefix.length < 2 || prefix === shown || /^[-\d.,\s]+$/.test(prefix)) return;
    timer = setTimeout(() => {
      shown = prefix;
      suggest(prefix).catch(() => {});
    }, 150);
  });
}
