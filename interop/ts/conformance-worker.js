// TypeScript workers declaring the features the dev engine enforces, for ConformanceIT (behavioural checks):
//   conf-conc      concurrency on input.group, max 1 run per group, GROUP_ROUND_ROBIN; sleeps input.ms
//   conf-rate      rate limit 'conf-api' (static key, 1 unit), created by the client with hatchet.ratelimits.upsert
//   conf-onfail    a workflow whose task throws; its on-failure task logs ctx.errors()
//   conf-prio      on its own worker with 1 slot, so queued runs wait and priority decides who starts next
// Every task returns { start, end } (epoch ms) so the client can check overlaps and order.
// Usage: node conformance-worker.js; HATCHET_CLIENT_* come from the environment.
const { HatchetClient, ConcurrencyLimitStrategy } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const timed = async (ms, extra) => {
  const start = Date.now();
  await sleep(ms);
  return { start, end: Date.now(), ...extra };
};

const conc = hatchet.task({
  name: 'conf-conc',
  concurrency: { expression: 'input.group', maxRuns: 1, limitStrategy: ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN },
  fn: async (input) => timed(input.ms ?? 200, { group: input.group }),
});

const rate = hatchet.task({
  name: 'conf-rate',
  rateLimits: [{ staticKey: 'conf-api', units: 1 }],
  fn: async () => timed(0, {}),
});

const onfail = hatchet.workflow({ name: 'conf-onfail' });
onfail.task({
  name: 'boom',
  retries: 0,
  fn: async (input) => {
    throw new Error('conf-onfail boom ' + input.tag);
  },
});
onfail.onFailure({
  name: 'conf-onfail-handler',
  fn: async (input, ctx) => {
    console.log('ON_FAILURE ' + JSON.stringify({ tag: input.tag, errors: ctx.errors() }));
    return { handled: true };
  },
});

const prio = hatchet.task({ name: 'conf-prio', fn: async (input) => timed(input.ms ?? 50, { tag: input.tag }) });

async function main() {
  const main = await hatchet.worker('conf-main', { workflows: [conc, rate, onfail], slots: 20 });
  const single = await hatchet.worker('conf-prio', { workflows: [prio], slots: 1 });
  await Promise.all([main.start(), single.start()]);
}

main().catch((e) => {
  console.error('conformance worker failed:', e);
  process.exit(1);
});
