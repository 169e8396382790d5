// The TypeScript side of CrossSdkChildIT: child runs across SDKs through one engine.
//   xs-ts-child   returns { n, tripled: 3n, sdk: 'typescript', parent: ctx.parentWorkflowRunId() }; a Java parent
//                 (ctx.runChildNoWait) spawns it. Despite its name, parentWorkflowRunId() is the parent *task*'s
//                 external id: Hatchet fills the action's parent_workflow_run_id from the child's
//                 ParentTaskExternalID (populateAssignedAction, internal/services/dispatcher/dispatcher_v1.go)
//   xs-ts-parent  spawns the Java task xs-java-child with ctx.runNoWaitChild and returns what it got:
//                 { childRunId, child, parentRunId, parentTaskId } (the ids of this run and task, for the linkage check)
//   xs-ts-durable-parent  a durable task: spawns the Java task xs-java-durable-child through its durable event log
//                 (ctx.spawnChild, a trigger_runs on the DurableTask stream) and returns { child, parentTaskId }
// Usage: node cross-child-worker.js; HATCHET_CLIENT_* come from the environment.
const { HatchetClient } = require('@hatchet-dev/typescript-sdk/v1');

const hatchet = HatchetClient.init();

const child = hatchet.task({
  name: 'xs-ts-child',
  fn: async (input, ctx) => ({
    n: input.n,
    tripled: input.n * 3,
    sdk: 'typescript',
    parent: ctx.parentWorkflowRunId() ?? null,
  }),
});

const parent = hatchet.task({
  name: 'xs-ts-parent',
  fn: async (input, ctx) => {
    const ref = await ctx.runNoWaitChild('xs-java-child', { n: input.n });
    const childRunId = await ref.getWorkflowRunId();
    const out = await ref.output;
    return {
      childRunId,
      child: out['xs-java-child'] ?? out,
      parentRunId: ctx.workflowRunId(),
      parentTaskId: ctx.taskRunExternalId(),
    };
  },
});

const durableParent = hatchet.durableTask({
  name: 'xs-ts-durable-parent',
  executionTimeout: '60s',
  fn: async (input, ctx) => ({
    child: await ctx.spawnChild('xs-java-durable-child', { n: input.n }),
    parentTaskId: ctx.taskRunExternalId(),
  }),
});

async function main() {
  const worker = await hatchet.worker('xs-ts', { workflows: [child, parent, durableParent], slots: 10 });
  await worker.start();
}

main().catch((e) => {
  console.error('cross-SDK worker failed:', e);
  process.exit(1);
});
