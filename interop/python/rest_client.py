"""The official Hatchet Python SDK's REST feature clients (scheduled, cron, filters) against an engine; prints one
``RESULT {json}`` line with what each call answered, parsed by the SDK's own models (strict pydantic), so a field
the engine leaves out or mistypes fails here.

Usage: python rest_client.py <workflow-name>   (the workflow must be registered; nothing runs: times are an hour out)
"""

import datetime
import json
import sys

from hatchet_sdk import Hatchet

hatchet = Hatchet()


def main(name: str) -> dict:
    out: dict = {}
    wf = [w for w in hatchet.workflows.list(workflow_name=name).rows or [] if w.name == name][0]
    out["workflowId"] = wf.metadata.id

    at = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    s = hatchet.scheduled.create(name, at, {"from": "py"}, {"team": "py"})
    out["scheduled"] = {"id": s.metadata.id, "workflow": s.workflow_name, "method": str(s.method.value),
                        "triggerAt": s.trigger_at.isoformat(), "input": s.input}
    moved = hatchet.scheduled.update(s.metadata.id, at + datetime.timedelta(minutes=5))
    out["rescheduledBy"] = (moved.trigger_at - s.trigger_at).total_seconds()
    out["scheduledListed"] = [r.metadata.id for r in hatchet.scheduled.list(workflow_id=wf.metadata.id).rows or []]
    hatchet.scheduled.delete(s.metadata.id)
    out["scheduledAfterDelete"] = [r.metadata.id for r in hatchet.scheduled.list(workflow_id=wf.metadata.id).rows or []]

    c = hatchet.cron.create(name, "py-cron", "*/5 * * * *", {"from": "cron"}, {"team": "py"})
    out["cron"] = {"id": c.metadata.id, "name": c.name, "expression": c.cron, "enabled": c.enabled,
                   "method": str(c.method.value), "workflow": c.workflow_name}
    out["cronGot"] = hatchet.cron.get(c.metadata.id).name
    hatchet.cron.delete(c.metadata.id)
    out["cronsAfterDelete"] = [r.metadata.id for r in hatchet.cron.list(workflow_id=wf.metadata.id).rows or []]

    f = hatchet.filters.create(wf.metadata.id, "input.n > 3", "py", {"tier": "gold"})
    out["filter"] = {"id": f.metadata.id, "expression": f.expression, "scope": f.scope, "payload": f.payload,
                     "declarative": f.is_declarative}
    out["filterUpdated"] = hatchet.filters.update(f.metadata.id, {"expression": "input.n > 4"}).expression
    hatchet.filters.delete(f.metadata.id)
    out["filtersAfterDelete"] = [r.metadata.id for r in hatchet.filters.list(workflow_ids=[wf.metadata.id]).rows or []]
    try:
        hatchet.cron.create(name, "bad", "61 * * * *", {}, {})
        out["badCron"] = "accepted"
    except Exception as e:  # the SDK raises the engine's 400 with its body
        out["badCron"] = str(e)
    return out


if __name__ == "__main__":
    try:
        result = main(sys.argv[1])
    except Exception as e:  # report instead of a stack trace, so the test shows what failed
        result = {"error": f"{type(e).__name__}: {e}"}
    print("RESULT " + json.dumps(result, default=str))
