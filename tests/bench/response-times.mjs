// Server response time per page (time to the complete body, one request at
// a time after a warm-up), as p50 and p99 over many requests, accepting
// what Chromium accepts (pages then come in zstd).
//
//   node tests/bench/response-times.mjs http://127.0.0.1:3200 / /?place=Berlin ...
const [base, ...paths] = process.argv.slice(2);
const ROUNDS = 200;
const WARM_UP = 20;

for (const path of paths) {
  const times = [];
  for (let i = 0; i < WARM_UP + ROUNDS; i++) {
    const started = performance.now();
    const response = await fetch(base + path, { headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.round((times.length - 1) * q)].toFixed(1);
  console.log(`${path}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${ROUNDS} requests)`);
}
