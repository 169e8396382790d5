"""A worker written with Hatchet's official Python SDK (hatchet-sdk, pinned in requirements.txt).

It serves one task, ``py-sleep``, which sleeps ``{"ms": N}`` milliseconds and returns ``{"sleptMs": N}``.
Everything else comes from the environment, as the operator renders it: ``HATCHET_CLIENT_*`` (token, host,
TLS), ``HATCHET_CLIENT_WORKER_PRESET_LABELS`` (the SDK reads it itself and labels the worker with its pod, so
the operator can match worker to pod with no code here), ``HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED`` /
``_PORT`` (the SDK's own /health), ``HATCHET_WORKER_NAME`` and ``HATCHET_WORKER_SLOTS`` (the pool's
workerName and slots). ``SLEEP_WORKER_SLOTS``, when set, overrides the slots (to register more than
``spec.slots``); ``SLEEP_TASK_NAME`` renames the task (two pools side by side on one engine). On SIGTERM the SDK drains: it stops taking tasks and waits for running ones to finish.
"""

import asyncio
import os

from hatchet_sdk import Context, Hatchet
from pydantic import BaseModel

hatchet = Hatchet()


class SleepInput(BaseModel):
    ms: int = 100


@hatchet.task(name=os.environ.get("SLEEP_TASK_NAME") or "py-sleep", input_validator=SleepInput)
async def py_sleep(input: SleepInput, ctx: Context) -> dict:
    await asyncio.sleep(input.ms / 1000)
    return {"sleptMs": input.ms}


def main() -> None:
    slots = int(os.environ.get("SLEEP_WORKER_SLOTS") or os.environ.get("HATCHET_WORKER_SLOTS") or "10")
    name = os.environ.get("HATCHET_WORKER_NAME") or "python-worker"
    worker = hatchet.worker(name, slots=slots, workflows=[py_sleep])
    worker.start()


if __name__ == "__main__":
    main()
