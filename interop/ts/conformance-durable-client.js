// The TypeScript client of DurableConformanceIT: runs one scenario and prints one RESULT {json} line.
//   node conformance-durable-client.js sleep     runs conf-dsleep with 3s: its run id and output
//   node conformance-durable-client.js wait      pushes conf:dwait for id w before the run, then runs conf-dwait
//                                                (id w) and, every 300 ms until it ends, pushes an event of another
//                                                key, an unmatched one (ok false, then id other) and a matching one
//                                                (seq n): the run's output names the event it got
//   node conformance-durable-client.js replay <s>  runs conf-dreplay sleeping s: its run id and output
const { HatchetClient } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function scenario(mode, arg) {
  if (mode === 'sleep' || mode === 'replay') {
    const ref = await hatchet.runNoWait(mode === 'sleep' ? 'conf-dsleep' : 'conf-dreplay', { sleep: arg || '3s' });
    const runId = await ref.getWorkflowRunId();
    return { runId, output: await ref.output };
  }
  if (mode === 'wait') {
    await hatchet.events.push('conf:dwait', { id: 'w', ok: true, seq: 0 });
    const ref = await hatchet.runNoWait('conf-dwait', { id: 'w' });
    let done = false;
    const output = ref.output.finally(() => {
      done = true;
    });
    for (let seq = 1; !done && seq < 100; seq++) {
      await hatchet.events.push('conf:other', { id: 'w', ok: true, seq });
      await hatchet.events.push('conf:dwait', { id: 'w', ok: false, seq });
      await hatchet.events.push('conf:dwait', { id: 'other', ok: true, seq });
      await hatchet.events.push('conf:dwait', { id: 'w', ok: true, seq });
      await sleep(300);
    }
    return { runId: await ref.getWorkflowRunId(), output: await output };
  }
  throw new Error('unknown mode ' + mode);
}

scenario(process.argv[2], process.argv[3])
  .then((r) => {
    console.log('RESULT ' + JSON.stringify(r));
    process.exit(0);
  })
  .catch((e) => {
    console.log('RESULT ' + JSON.stringify({ error: String(e && e.message ? e.message : e) }));
    process.exit(0);
  });
