// Prints raw, gzip and brotli sizes of the files given, and their totals.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
const total = { raw: 0, gzip: 0, brotli: 0 };
console.log(`${"file".padEnd(28)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}`);
for (const path of process.argv.slice(2)) {
  const raw = readFileSync(path);
  const sizes = {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const k of Object.keys(total)) total[k] += sizes[k];
  console.log(`${basename(path).padEnd(28)}${kb(sizes.raw)}${kb(sizes.gzip)}${kb(sizes.brotli)}`);
}
console.log(`${"total".padEnd(28)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
