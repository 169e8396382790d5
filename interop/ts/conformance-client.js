// The TypeScript client of ConformanceIT: runs scenarios and prints one RESULT {json} line with what it saw.
//   node conformance-client.js all <tag>     every scenario below in turn, keyed by its name
//   node conformance-client.js concurrency   3 runs of group a and 2 of group b at once: their intervals
//   node conformance-client.js newest        2 runs of one CANCEL_NEWEST key: what each run ended with
//   node conformance-client.js dagconc       2 runs of one key of the DAG with workflow concurrency: task intervals
//   node conformance-client.js filters       push conf:filter with n 0 (scope fs), 5 (no scope), 7 (scope fs)
//   node conformance-client.js idem          run conf-idem twice with one id: the second sees the first's run id
//   node conformance-client.js rate          upsert 'conf-api' at 2 per second, then 6 runs at once: their starts
//   node conformance-client.js onfail <tag>  run conf-onfail: the error the client gets
//   node conformance-client.js priority      a blocker, then 3 LOW and 1 HIGH runs queued behind it: their starts
//   node conformance-client.js sticky        8 runs of the HARD sticky DAG at once: the workers of first and second
//   node conformance-client.js labels        4 runs of conf-label: the workers they ran on
//   node conformance-client.js timed         over REST: two schedules of conf-sched 2.5 s ahead (workflow.schedule),
//                                            one deleted at once; a per-second cron of conf-cron (workflow.cron),
//                                            deleted after about 3.5 s; what the scheduled/crons clients answered
//   node conformance-client.js rfilter       over REST: hatchet.filters.create on conf-rfilter (scope rf,
//                                            input.n > 10), then push n 3 and n 20 with scope rf
//   node conformance-client.js conditions   at once: conf-cond-sleep; conf-cond-skip with n 9; conf-cond-event
//                                            (push conf:cond:go {ok:false}, then {ok:true} 500 ms later);
//                                            conf-cond-cancel (push conf:cond:abort once its start is done)
// In 'all', 'timed' and 'conditions' run alongside the others (they mostly wait for the clock).
const { HatchetClient, Priority, IdempotencyCollisionError } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();

async function scenario(mode, arg) {
  if (mode === 'concurrency') {
    const groups = ['a', 'a', 'a', 'b', 'b'];
    const outs = await Promise.all(groups.map((group) => hatchet.run('conf-conc', { group, ms: 300 })));
    return { runs: outs.map((o) => o['conf-conc'] ?? o) };
  }
  if (mode === 'newest') {
    const first = await hatchet.runNoWait('conf-newest', { group: 'n', tag: 'first', ms: 600 });
    const second = await hatchet.runNoWait('conf-newest', { group: 'n', tag: 'second' });
    const settle = (ref) => ref.output.then((o) => ({ ok: o['conf-newest'] ?? o }), (e) => ({ error: String(e) }));
    return { first: await settle(first), second: await settle(second) };
  }
  if (mode === 'dagconc') {
    const outs = await Promise.all(['x', 'y'].map((tag) => hatchet.run('conf-dagconc', { group: 'd', tag })));
    return { runs: outs };
  }
  if (mode === 'filters') {
    await hatchet.events.push('conf:filter', { n: 0 }, { scope: 'fs' });
    await hatchet.events.push('conf:filter', { n: 5 });
    await hatchet.events.push('conf:filter', { n: 7 }, { scope: 'fs' });
    return { pushed: 3 };
  }
  if (mode === 'idem') {
    const first = await hatchet.runNoWait('conf-idem', { id: 'i-1' });
    const firstId = await first.getWorkflowRunId();
    try {
      const second = await hatchet.runNoWait('conf-idem', { id: 'i-1' });
      return { firstId, unexpected: await second.getWorkflowRunId() };
    } catch (e) {
      return { firstId, collision: e instanceof IdempotencyCollisionError, existing: e.existingRunExternalId };
    }
  }
  if (mode === 'rate') {
    await hatchet.ratelimits.upsert({ key: 'conf-api', limit: 2, duration: 0 /* RateLimitDuration.SECOND */ });
    const outs = await Promise.all(Array.from({ length: 6 }, () => hatchet.run('conf-rate', {})));
    return { starts: outs.map((o) => (o['conf-rate'] ?? o).start).sort((x, y) => x - y) };
  }
  if (mode === 'onfail') {
    try {
      return { unexpected: await hatchet.run('conf-onfail', { tag: arg }) };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  }
  if (mode === 'priority') {
    const blocker = await hatchet.runNoWait('conf-prio', { tag: 'blocker', ms: 800 });
    const refs = [];
    for (const tag of ['low1', 'low2', 'low3']) {
      refs.push(await hatchet.runNoWait('conf-prio', { tag }, { priority: Priority.LOW }));
    }
    refs.push(await hatchet.runNoWait('conf-prio', { tag: 'high' }, { priority: Priority.HIGH }));
    const outs = await Promise.all([blocker, ...refs].map((r) => r.output));
    return { runs: outs.map((o) => o['conf-prio'] ?? o) };
  }
  if (mode === 'sticky') {
    const outs = await Promise.all(Array.from({ length: 8 }, () => hatchet.run('conf-sticky', {})));
    return { runs: outs.map((o) => ({ first: o.first.worker, second: o.second.worker })) };
  }
  if (mode === 'labels') {
    const outs = await Promise.all(Array.from({ length: 4 }, () => hatchet.run('conf-label', {})));
    return { workers: outs.map((o) => (o['conf-label'] ?? o).worker) };
  }
  if (mode === 'timed') {
    return timed();
  }
  if (mode === 'conditions') {
    return conditions();
  }
  if (mode === 'rfilter') {
    const wf = await hatchet.workflows.get('conf-rfilter');
    const created = await hatchet.filters.create({
      workflowId: wf.metadata.id, scope: 'rf', expression: 'input.n > 10', payload: { src: 'rest' },
    });
    const got = await hatchet.filters.get(created.metadata.id);
    const listed = await hatchet.filters.list({ workflowIds: [wf.metadata.id], scopes: ['rf'] });
    await hatchet.events.push('conf:rfilter', { n: 3 }, { scope: 'rf' });
    await hatchet.events.push('conf:rfilter', { n: 20 }, { scope: 'rf' });
    return { id: created.metadata.id, got: got.expression, listed: listed.rows.map((r) => r.metadata.id), pushed: 2 };
  }
  throw new Error('unknown mode ' + mode);
}

// Declarations bound to this client (the worker process registers the same names): .schedule() and .cron()
// call hatchet.scheduled.create and hatchet.crons.create, which the SDK sends over REST.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed() {
  const sched = hatchet.task({ name: 'conf-sched', fn: async () => ({}) });
  const cron = hatchet.task({ name: 'conf-cron', fn: async () => ({}) });
  const triggerAt = new Date(Date.now() + 2500);
  const kept = await sched.schedule(triggerAt, { tag: 'kept' });
  const deleted = await sched.schedule(triggerAt, { tag: 'deleted' });
  await hatchet.scheduled.delete(deleted);
  const listed = await hatchet.scheduled.list({ workflow: 'conf-sched' });
  const every = await cron.cron('conf-every-second', '* * * * * *', { tag: 'cron' });
  const cronsListed = await hatchet.crons.list({ workflow: 'conf-cron' });
  await sleep(Math.max(0, triggerAt.getTime() + 1000 - Date.now()));
  await hatchet.crons.delete(every);
  const cronDeletedAt = Date.now();
  const after = await hatchet.scheduled.get(kept);
  await sleep(1500);
  return {
    triggerAt: triggerAt.getTime(), kept: kept.metadata.id, deleted: deleted.metadata.id, method: kept.method,
    listed: listed.rows.map((r) => r.metadata.id), runId: after.workflowRunId, status: after.workflowRunStatus,
    cron: every.metadata.id, cronExpression: every.cron, cronsListed: cronsListed.rows.map((r) => r.metadata.id),
    cronDeletedAt,
  };
}

// The events are pushed only once the waiting task's parent is done: like Hatchet, the engine keeps no match
// before that, so an earlier event is not seen.
async function conditions() {
  const settle = (ref) => ref.output.then((o) => ({ ok: o }), (e) => ({ error: String(e && e.message ? e.message : e) }));
  const sleepRun = hatchet.runNoWait('conf-cond-sleep', {}).then(settle);
  const skipRun = hatchet.runNoWait('conf-cond-skip', { n: 9 }).then(settle);
  const eventRef = await hatchet.runNoWait('conf-cond-event', {});
  const cancelRef = await hatchet.runNoWait('conf-cond-cancel', {});
  await sleep(1000);
  const falseAt = Date.now();
  await hatchet.events.push('conf:cond:go', { ok: false });
  const abortedAt = Date.now();
  await hatchet.events.push('conf:cond:abort', {});
  await sleep(500);
  const goAt = Date.now();
  await hatchet.events.push('conf:cond:go', { ok: true });
  return {
    sleep: await sleepRun, skip: await skipRun, event: await settle(eventRef), falseAt, goAt,
    cancel: await settle(cancelRef), cancelRunId: await cancelRef.getWorkflowRunId(), abortedAt,
    cancelSettledAt: Date.now(),
  };
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode !== 'all') {
    return scenario(mode, arg);
  }
  const all = {};
  const settle = (p) => p.catch((e) => ({ error: String(e && e.message ? e.message : e) }));
  const alongside = settle(timed());
  const conditionsAlongside = settle(conditions());
  for (const m of ['concurrency', 'newest', 'dagconc', 'filters', 'rfilter', 'idem', 'rate', 'onfail', 'priority',
    'sticky', 'labels']) {
    try {
      all[m] = await scenario(m, arg);
    } catch (e) {
      all[m] = { error: String(e && e.message ? e.message : e) };
    }
  }
  all.timed = await alongside;
  all.conditions = await conditionsAlongside;
  return all;
}

main()
  .then((result) => {
    console.log('RESULT ' + JSON.stringify(result));
    process.exit(0);
  })
  .catch((e) => {
    console.log('RESULT ' + JSON.stringify({ error: String(e && e.message ? e.message : e) }));
    process.exit(0);
  });
