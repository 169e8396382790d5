// A TypeScript client against the dev engine. Prints one JSON line with what happened, then exits.
//   node client.js echo <runs> [concurrency]   trigger ts-echo <runs> times, await and check every result
//   node client.js fail                        run ts-fail and report the error the client receives
//   node client.js run <task> <json-input>     run any task by name and print its result
//   node client.js event <json-payload>        push the event interop:event
//   node client.js bench <task> <runs> <concurrency>   end-to-end latency and throughput
const { HatchetClient } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();

async function pool(total, concurrency, job) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) {
      const i = next++;
      await job(i);
    }
  });
  await Promise.all(lanes);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const [mode, a, b, c] = process.argv.slice(2);
  if (mode === 'echo') {
    const runs = Number(a);
    let ok = 0;
    const wrong = [];
    await pool(runs, Number(b ?? 20), async (i) => {
      const out = await hatchet.run('ts-echo', { i });
      const value = out['ts-echo'] ?? out;
      if (value.echo && value.echo.i === i) ok++;
      else wrong.push({ i, out });
    });
    return { ok, wrong: wrong.slice(0, 3) };
  }
  if (mode === 'fail') {
    try {
      const out = await hatchet.run('ts-fail', { reason: 'interop' });
      return { unexpected: out };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  }
  if (mode === 'event') {
    const event = await hatchet.events.push('interop:event', JSON.parse(a ?? '{}'));
    return { eventId: event.eventId };
  }
  if (mode === 'run') {
    return { result: await hatchet.run(a, JSON.parse(b ?? '{}')) };
  }
  if (mode === 'bench') {
    const runs = Number(b);
    const latencies = [];
    const started = process.hrtime.bigint();
    await pool(runs, Number(c), async () => {
      const t0 = process.hrtime.bigint();
      await hatchet.run(a, {});
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((x, y) => x - y);
    return { runs, seconds, perSecond: runs / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  }
  throw new Error('unknown mode ' + mode);
}

main().then(
  (out) => {
    console.log('RESULT ' + JSON.stringify(out));
    process.exit(0);
  },
  (e) => {
    console.log('RESULT ' + JSON.stringify({ crash: String(e && e.stack ? e.stack : e) }));
    process.exit(2);
  },
);
