// The TypeScript worker a HatchetWorkerPool runs (examples/typescript-worker-pool.yaml): one task, ts-sleep,
// which sleeps {"ms": N} milliseconds. Everything comes from the environment the operator renders:
// HATCHET_CLIENT_* (token, host, TLS, health check), HATCHET_WORKER_NAME and HATCHET_WORKER_SLOTS (the
// pool's workerName and slots; SLEEP_WORKER_SLOTS overrides the slots, SLEEP_TASK_NAME renames the task so
// that two pools can run side by side on one engine).
//
// The TypeScript SDK does not read HATCHET_CLIENT_WORKER_PRESET_LABELS itself (1.33.2: util/config-loader),
// so the worker passes them as its labels: that one line lets the operator match this worker to its pod.
// `node pool-worker.js --without-preset-labels` leaves it out, to show what the operator does without it.
//
// SIGTERM: the SDK pauses the worker over REST, stops listening and waits for running tasks, then exits.
const { HatchetClient } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const tsSleep = hatchet.task({
  name: process.env.SLEEP_TASK_NAME || 'ts-sleep',
  fn: async (input) => {
    await sleep(input.ms ?? 100);
    return { sleptMs: input.ms ?? 100 };
  },
});

async function main() {
  const name = process.env.HATCHET_WORKER_NAME || 'typescript-worker';
  const slots = Number(process.env.SLEEP_WORKER_SLOTS || process.env.HATCHET_WORKER_SLOTS || 10);
  const withLabels = !process.argv.includes('--without-preset-labels');
  const labels = withLabels ? JSON.parse(process.env.HATCHET_CLIENT_WORKER_PRESET_LABELS ?? '{}') : {};
  const worker = await hatchet.worker(name, { workflows: [tsSleep], slots, labels });
  await worker.start();
}

main().catch((e) => {
  console.error('pool-worker failed:', e);
  process.exit(1);
});
