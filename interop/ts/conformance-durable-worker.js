// TypeScript durable tasks for DurableConformanceIT (behavioural checks of the dev engine's durable log):
//   conf-dsleep    ctx.sleepFor(input.sleep): returns what sleepFor reported and the worker's clock around it
//   conf-dwait     ctx.waitForEvent('conf:dwait', "input.id == '<input.id>' && input.ok") and returns its payload
//   conf-dwait-raw the same wait through ctx.waitFor, returning what it resolved with (the matched data by key)
//   conf-dparent   ctx.spawnChild(conf-dchild, { n }) through the durable log: returns the child's output
//   conf-dchild    a plain task returning { doubled: 2 n }
//   conf-devict    eviction policy ttl 1s: memoises its first invocation, then sleeps input.sleep; the SDK evicts it
//                  once it has waited 1 s, so it ends as a later invocation with the first one's memo
//   conf-dbranch   memoises its first invocation, sleeps 1s, returns the memo, its invocation, task id and end time
//                  (the client branches it at its sleep and reads the replayed run's output)
//   conf-dnondet   sleeps 2s on its first invocation (evicted by its 1 s TTL) and asks for a memo on the replay:
//                  the engine answers NONDETERMINISM and the run fails with it
//   conf-dreplay   memoises { pid, at } (ctx.memo), logs REPLAY_MEMO, then ctx.sleepFor(input.sleep): returns the
//                  memo, this worker's pid and ctx.invocationCount, so a replay on another worker shows the memo hit
// Usage: node conformance-durable-worker.js <worker-name> main|replay; HATCHET_CLIENT_* come from the environment.
const { HatchetClient } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();

const dsleep = hatchet.durableTask({
  name: 'conf-dsleep',
  executionTimeout: '60s',
  fn: async (input, ctx) => {
    const before = Date.now();
    const slept = await ctx.sleepFor(input.sleep);
    return { before, after: Date.now(), slept, invocation: ctx.invocationCount };
  },
});

const dwait = hatchet.durableTask({
  name: 'conf-dwait',
  executionTimeout: '60s',
  fn: async (input, ctx) => {
    const event = await ctx.waitForEvent('conf:dwait', `input.id == '${input.id}' && input.ok`);
    return { event };
  },
});

const dwaitRaw = hatchet.durableTask({
  name: 'conf-dwait-raw',
  executionTimeout: '60s',
  fn: async (input, ctx) => ({
    matched: await ctx.waitFor({ eventKey: 'conf:dwait', expression: `input.id == '${input.id}' && input.ok` }),
  }),
});

const dchild = hatchet.task({ name: 'conf-dchild', fn: async (input) => ({ doubled: input.n * 2 }) });

const dparent = hatchet.durableTask({
  name: 'conf-dparent',
  executionTimeout: '60s',
  fn: async (input, ctx) => ({ child: await ctx.spawnChild(dchild, { n: input.n }) }),
});

const devict = hatchet.durableTask({
  name: 'conf-devict',
  executionTimeout: '60s',
  evictionPolicy: { ttl: '1s' },
  fn: async (input, ctx) => {
    const memo = await ctx.memo(async () => ({ at: Date.now(), invocation: ctx.invocationCount }), ['evict']);
    await ctx.sleepFor(input.sleep);
    return { memo, invocation: ctx.invocationCount };
  },
});

const dbranch = hatchet.durableTask({
  name: 'conf-dbranch',
  executionTimeout: '60s',
  fn: async (input, ctx) => {
    const first = await ctx.memo(async () => ({ at: Date.now(), invocation: ctx.invocationCount }), ['branch']);
    await ctx.sleepFor('1s');
    return { first, invocation: ctx.invocationCount, task: ctx.taskRunExternalId(), at: Date.now() };
  },
});

const dnondet = hatchet.durableTask({
  name: 'conf-dnondet',
  executionTimeout: '60s',
  retries: 0,
  evictionPolicy: { ttl: '1s' },
  fn: async (input, ctx) => {
    // not deterministic on purpose: the first invocation sleeps at node 1, the replay asks for a memo there
    if (ctx.invocationCount === 1) {
      await ctx.sleepFor('2s');
    } else {
      await ctx.memo(async () => ({ replay: true }), ['nondet']);
    }
    return { invocation: ctx.invocationCount };
  },
});

const dreplay = hatchet.durableTask({
  name: 'conf-dreplay',
  executionTimeout: '60s',
  fn: async (input, ctx) => {
    const memo = await ctx.memo(async () => ({ pid: process.pid, at: Date.now() }), ['first']);
    console.log('REPLAY_MEMO ' + JSON.stringify({ memo, pid: process.pid, invocation: ctx.invocationCount }));
    await ctx.sleepFor(input.sleep);
    return { memo, pid: process.pid, invocation: ctx.invocationCount };
  },
});

async function main() {
  const [name, set] = process.argv.slice(2);
  const workflows = set === 'replay' ? [dreplay] : [dsleep, dwait, dwaitRaw, dchild, dparent, devict, dbranch, dnondet];
  const worker = await hatchet.worker(name, { workflows, slots: 5, durableSlots: 5 });
  await worker.start();
}

main().catch((e) => {
  console.error('durable conformance worker failed:', e);
  process.exit(1);
});
