// The TypeScript side of CrossSdkChildIT: child runs across SDKs through one engine.
//   xs-ts-child   returns { n, tripled: 3n, sdk: 'typescript', parent: ctx.parentWorkflowRunId() }; a Java parent
//                 (ctx.runChildNoWait) spawns it. Despite its name, parentWorkflowRunId() is the parent *task*'s
//                 external id: Hatchet fills the action's parent_workflow_run_id from the child's
//                 ParentTaskExternalID (populateAssignedAction, internal/services/dispatcher/dispatcher_v1.go)
//   xs-ts-parent  spawns the Java task xs-java-child with ctx.runNoWaitChild and returns what it got:
//                 { childRunId, child, parentRunId, parentTaskId } (the ids of this run and task, for the linkage check)
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

async function main() {
  const worker = await hatchet.worker('xs-ts', { workflows: [child, parent], slots: 10 });
  await worker.start();
}

main().catch((e) => {
  console.error('cross-SDK worker failed:', e);
  process.exit(1);
});
