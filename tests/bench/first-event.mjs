// Prints the path of the first gathering found near a city on a running
// server (the demo data's ids are not fixed), e.g. /events/Ab3dE6gh.
//
//   node tests/bench/first-event.mjs http://127.0.0.1:3200 [city]
const [base, city = "Berlin"] = process.argv.slice(2);
const html = await (await fetch(`${base}/?place=${encodeURIComponent(city)}`)).text();
const path = html.match(/href="(\/events\/[A-Za-z0-9]+)"/)?.[1];
if (!path) {
  console.error(`no gathering found near ${city} on ${base}`);
  process.exit(1);
}
console.log(path);
