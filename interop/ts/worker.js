// A TypeScript worker with the interop tasks: ts-echo, ts-sleep, ts-fail, ts-noop, ts-on-event (event-triggered)
// and the DAG ts-dag (first -> second, which reads first's output).
// Usage: node worker.js <worker-name> <slots>; HATCHET_CLIENT_* come from the environment.
// SIGTERM/SIGINT trigger the SDK's own graceful shutdown (REST pause, stop listening, unsubscribe).
const { HatchetClient } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const echo = hatchet.task({ name: 'ts-echo', fn: async (input) => ({ echo: input }) });
const nap = hatchet.task({
  name: 'ts-sleep',
  fn: async (input) => {
    await sleep(input.ms ?? 100);
    return { slept: input.ms ?? 100 };
  },
});
const fail = hatchet.task({
  name: 'ts-fail',
  retries: 0,
  fn: async (input) => {
    throw new Error('ts-fail refused: ' + (input.reason ?? 'no reason'));
  },
});
const noop = hatchet.task({ name: 'ts-noop', fn: async () => ({}) });
const onEvent = hatchet.task({
  name: 'ts-on-event',
  onEvents: ['interop:event'],
  fn: async (input) => {
    console.log('ts-on-event got ' + JSON.stringify(input));
    return { got: input };
  },
});

const dag = hatchet.workflow({ name: 'ts-dag' });
const first = dag.task({ name: 'first', fn: async (input) => ({ n: input.n + 1 }) });
dag.task({
  name: 'second',
  parents: [first],
  fn: async (input, ctx) => {
    const parent = await ctx.parentOutput(first);
    return { n: parent.n * 10 };
  },
});

async function main() {
  const name = process.argv[2] ?? 'ts-worker';
  const slots = Number(process.argv[3] ?? 10);
  const worker = await hatchet.worker(name, { workflows: [echo, nap, fail, noop, onEvent, dag], slots });
  await worker.start();
}

main().catch((e) => {
  console.error('worker failed:', e);
  process.exit(1);
});
