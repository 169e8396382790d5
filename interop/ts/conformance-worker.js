// TypeScript workers declaring the features the dev engine enforces, for ConformanceIT (behavioural checks):
//   conf-conc      concurrency on input.group, max 1 run per group, GROUP_ROUND_ROBIN; sleeps input.ms
//   conf-rate      rate limit 'conf-api' (static key, 1 unit), created by the client with hatchet.ratelimits.upsert
//   conf-onfail    a workflow whose task throws; its on-failure task logs ctx.errors()
//   conf-prio      on its own worker with 1 slot, so queued runs wait and priority decides who starts next
//   conf-newest    concurrency on input.group, max 1, CANCEL_NEWEST; sleeps input.ms
//   conf-dagconc   a DAG (one -> two) with workflow-level concurrency on input.group, max 1, GROUP_ROUND_ROBIN
//   conf-filter    runs on the event conf:filter only when its filter (scope fs, input.n > 1) passes; logs
//                  FILTER {n, payload} with the filter payload it got
//   conf-idem      idempotency key input.id for 60 s (TTL)
//   conf-sticky    a HARD sticky DAG (first -> second) on two workers; each task returns the worker it ran on
//   conf-label     requires the worker label region=eu; on both workers, only conf-eu has the label
//   conf-sched     started by schedules the client creates with workflow.schedule(); logs SCHED {tag, start}
//   conf-cron      started by a per-second cron the client creates with workflow.cron(); logs CRON {tag, start}
//   conf-rfilter   runs on the event conf:rfilter and declares no filter: the client creates one over REST
//                  (hatchet.filters.create, scope rf, input.n > 10); logs RFILTER {n, payload}
//   conf-cond-sleep   first -> second (waitFor SleepCondition 2s); second returns its start and ctx.triggers()
//   conf-cond-skip    start -> skipped (skipIf ParentCondition(start, 'output.n > 5')), start -> sibling,
//                     [skipped, sibling] -> after, which returns what ctx.parentOutput(skipped) gave it
//   conf-cond-event   start -> waiter (waitFor UserEventCondition('conf:cond:go', 'input.ok == true'))
//   conf-cond-cancel  start -> target (waitFor sleep 30s, cancelIf event conf:cond:abort) -> downstream
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

const newest = hatchet.task({
  name: 'conf-newest',
  concurrency: { expression: 'input.group', maxRuns: 1, limitStrategy: ConcurrencyLimitStrategy.CANCEL_NEWEST },
  fn: async (input) => timed(input.ms ?? 300, { tag: input.tag }),
});

const dagConc = hatchet.workflow({
  name: 'conf-dagconc',
  concurrency: { expression: 'input.group', maxRuns: 1, limitStrategy: ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN },
});
const dagOne = dagConc.task({ name: 'one', fn: async (input) => timed(150, { tag: input.tag }) });
dagConc.task({ name: 'two', parents: [dagOne], fn: async (input) => timed(150, { tag: input.tag }) });

const filtered = hatchet.task({
  name: 'conf-filter',
  onEvents: ['conf:filter'],
  defaultFilters: [{ expression: 'input.n > 1', scope: 'fs', payload: { tier: 'gold' } }],
  fn: async (input, ctx) => {
    console.log('FILTER ' + JSON.stringify({ n: input.n, payload: ctx.filterPayload() }));
    return {};
  },
});

const idem = hatchet.task({
  name: 'conf-idem',
  idempotency: { strategy: 'ttl', expression: 'input.id', ttlMs: 60000 },
  fn: async (input) => ({ id: input.id }),
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

const sticky = hatchet.workflow({ name: 'conf-sticky', sticky: 'hard' });
const stickyFirst = sticky.task({ name: 'first', fn: async (input, ctx) => ({ worker: ctx.worker.id() }) });
sticky.task({
  name: 'second',
  parents: [stickyFirst],
  fn: async (input, ctx) => ({ worker: ctx.worker.id() }),
});

const label = hatchet.task({
  name: 'conf-label',
  desiredWorkerLabels: { region: { value: 'eu', required: true } },
  fn: async (input, ctx) => ({ worker: ctx.worker.id() }),
});

const logged = (label) => async (input, ctx) => {
  const start = Date.now();
  console.log(label + ' ' + JSON.stringify({ tag: input.tag, n: input.n, start, payload: ctx.filterPayload(),
    task: ctx.taskRunExternalId() }));
  return { start, tag: input.tag };
};
const sched = hatchet.task({ name: 'conf-sched', fn: logged('SCHED') });
const cron = hatchet.task({ name: 'conf-cron', fn: logged('CRON') });
const restFiltered = hatchet.task({ name: 'conf-rfilter', onEvents: ['conf:rfilter'], fn: logged('RFILTER') });

const { SleepCondition, UserEventCondition } = require('@hatchet-dev/typescript-sdk/v1/conditions');
const { ParentCondition } = require('@hatchet-dev/typescript-sdk/v1/conditions/parent-condition');

const condSleep = hatchet.workflow({ name: 'conf-cond-sleep' });
const sleepFirst = condSleep.task({ name: 'first', fn: async () => ({ end: Date.now() }) });
condSleep.task({
  name: 'second',
  parents: [sleepFirst],
  waitFor: new SleepCondition('2s'),
  fn: async (input, ctx) => ({ start: Date.now(), triggers: ctx.triggers() }),
});

const condSkip = hatchet.workflow({ name: 'conf-cond-skip' });
const skipStart = condSkip.task({ name: 'start', fn: async (input) => ({ n: input.n }) });
const skipped = condSkip.task({
  name: 'skipped',
  parents: [skipStart],
  skipIf: [new ParentCondition(skipStart, 'output.n > 5')],
  fn: async () => ({ ran: true }),
});
const sibling = condSkip.task({ name: 'sibling', parents: [skipStart], fn: async () => ({ ran: true }) });
condSkip.task({
  name: 'after',
  parents: [skipped, sibling],
  fn: async (input, ctx) => ({ skippedOutput: await ctx.parentOutput(skipped) }),
});

const condEvent = hatchet.workflow({ name: 'conf-cond-event' });
const eventStart = condEvent.task({ name: 'start', fn: async () => ({ end: Date.now() }) });
condEvent.task({
  name: 'waiter',
  parents: [eventStart],
  waitFor: [new UserEventCondition('conf:cond:go', 'input.ok == true')],
  fn: async (input, ctx) => ({
    start: Date.now(), triggers: ctx.triggers(), parentEnd: (await ctx.parentOutput(eventStart)).end,
  }),
});

const condCancel = hatchet.workflow({ name: 'conf-cond-cancel' });
const cancelStart = condCancel.task({ name: 'start', fn: async () => ({}) });
const cancelTarget = condCancel.task({
  name: 'target',
  parents: [cancelStart],
  waitFor: { sleepFor: '30s' },
  cancelIf: { eventKey: 'conf:cond:abort' },
  fn: async () => ({ ran: true }),
});
condCancel.task({ name: 'downstream', parents: [cancelTarget], fn: async () => ({ ran: true }) });

const prio = hatchet.task({ name: 'conf-prio', fn: async (input) => timed(input.ms ?? 50, { tag: input.tag }) });

async function main() {
  const main = await hatchet.worker('conf-main', {
    workflows: [conc, newest, dagConc, filtered, idem, rate, onfail, sticky, label, sched, cron, restFiltered,
      condSleep, condSkip, condEvent, condCancel],
    slots: 20,
  });
  const eu = await hatchet.worker('conf-eu', { workflows: [sticky, label], slots: 20, labels: { region: 'eu' } });
  const single = await hatchet.worker('conf-prio', { workflows: [prio], slots: 1 });
  await Promise.all([main.start(), eu.start(), single.start()]);
}

main().catch((e) => {
  console.error('conformance worker failed:', e);
  process.exit(1);
});
