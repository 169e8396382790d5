// The TypeScript client of DurableConformanceIT: runs scenarios and prints one RESULT {json} line.
//   node conformance-durable-client.js all        sleep, wait and child below at once, keyed by name
//     sleep   runs conf-dsleep with 3s: its run id and output
//     wait    pushes conf:dwait for id w before the run, then runs conf-dwait (id w) and, every 300 ms until it
//             ends, pushes an event of another key, two unmatched ones (ok false; id other) and a matching one
//             (seq n): the run's output names the event it got
//     child   runs conf-dparent with n 21: its output (the child's, through the durable log)
//     branch  runs conf-dbranch, then hatchet.runs.branchDurableTask(task, node 2, branch 1) over REST: the branch
//             answer and the output of the replayed run
//     nondet  runs conf-dnondet: the error the run fails with
//     evict   runs conf-devict sleeping 4s (evicted by its 1 s TTL): its run id and output
//     waitraw the same as wait with conf-dwait-raw (ctx.waitFor)
//   node conformance-durable-client.js legacy     sleep and waitraw at once, against an engine announcing a version
//                                                below v0.80.0, so the SDK uses RegisterDurableEvent and
//                                                ListenForDurableEvent instead of the DurableTask stream
//   node conformance-durable-client.js replay <d>  runs conf-dreplay sleeping d: its run id and output
const { HatchetClient } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(name, input) {
  const ref = await hatchet.runNoWait(name, input);
  const runId = await ref.getWorkflowRunId();
  return { runId, output: await ref.output };
}

async function scenario(mode, arg) {
  if (mode === 'sleep') {
    return run('conf-dsleep', { sleep: '3s' });
  }
  if (mode === 'replay') {
    return run('conf-dreplay', { sleep: arg });
  }
  if (mode === 'evict') {
    return run('conf-devict', { sleep: '4s' });
  }
  if (mode === 'branch') {
    const first = await run('conf-dbranch', {});
    const out = first.output['conf-dbranch'] ?? first.output;
    const resp = await hatchet.runs.branchDurableTask(out.task, 2, 1);
    const second = await hatchet.runRef(first.runId).output;
    return { runId: first.runId, first: first.output, branch: resp.data ?? resp, second };
  }
  if (mode === 'nondet') {
    const ref = await hatchet.runNoWait('conf-dnondet', {});
    const runId = await ref.getWorkflowRunId();
    try {
      return { runId, unexpected: await ref.output };
    } catch (e) {
      return { runId, failed: String(e && e.message ? e.message : e) };
    }
  }
  if (mode === 'child') {
    return run('conf-dparent', { n: 21 });
  }
  if (mode === 'wait' || mode === 'waitraw') {
    await hatchet.events.push('conf:dwait', { id: 'w', ok: true, seq: 0 });
    const ref = await hatchet.runNoWait(mode === 'wait' ? 'conf-dwait' : 'conf-dwait-raw', { id: 'w' });
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

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode !== 'all' && mode !== 'legacy') {
    return scenario(mode, arg);
  }
  const modes = mode === 'legacy' ? ['sleep', 'waitraw'] : ['sleep', 'wait', 'child', 'evict', 'branch', 'nondet'];
  const outs = await Promise.all(modes.map((m) => scenario(m).catch((e) => ({ error: String(e && e.message ? e.message : e) }))));
  return Object.fromEntries(modes.map((m, i) => [m, outs[i]]));
}

main()
  .then((r) => {
    console.log('RESULT ' + JSON.stringify(r));
    process.exit(0);
  })
  .catch((e) => {
    console.log('RESULT ' + JSON.stringify({ error: String(e && e.message ? e.message : e) }));
    process.exit(0);
  });
