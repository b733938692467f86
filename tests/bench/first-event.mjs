// Prints the path of the first gathering found near a city on a running
// server (the demo data's ids are not fixed), e.g. /events/Ab3dE6gh; with
// --with-picture, the first one whose organisers added a picture.
//
//   node tests/bench/first-event.mjs http://127.0.0.1:3200 [city] [--with-picture]
const args = process.argv.slice(2);
const withPicture = args.includes("--with-picture");
const [base, city = "Berlin"] = args.filter((arg) => arg !== "--with-picture");
const html = await (await fetch(`${base}/?place=${encodeURIComponent(city)}`)).text();
const pattern = withPicture ? /src="(\/events\/[A-Za-z0-9]+)\/picture\// : /href="(\/events\/[A-Za-z0-9]+)"/;
const path = html.match(pattern)?.[1];
if (!path) {
  console.error(`no gathering${withPicture ? " with a picture" : ""} found near ${city} on ${base}`);
  process.exit(1);
}
console.log(path);
