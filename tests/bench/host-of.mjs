// Prints the path of the host of a gathering on a running server, e.g.
// /hosts/berlin-kiezkueche.
//
//   node tests/bench/host-of.mjs http://127.0.0.1:3200 /events/Ab3dE6gh
const [base, event] = process.argv.slice(2);
const html = await (await fetch(`${base}${event}`)).text();
const path = html.match(/href="(\/hosts\/[^"/]+)"/)?.[1];
if (!path) {
  console.error(`no host link on ${base}${event}`);
  process.exit(1);
}
console.log(path);
