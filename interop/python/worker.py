"""A worker of the official Hatchet Python SDK with the interop tasks: py-echo, py-sleep, py-fail (raises).

Usage: python worker.py <worker-name> <slots>; HATCHET_CLIENT_* come from the environment. SIGTERM makes the
SDK pause the worker in the engine, wait for running tasks and exit.
"""

import asyncio
import sys

from hatchet_sdk import Context, Hatchet
from pydantic import BaseModel, ConfigDict

hatchet = Hatchet()


class AnyInput(BaseModel):
    model_config = ConfigDict(extra="allow")


@hatchet.task(name="py-echo", input_validator=AnyInput)
async def py_echo(input: AnyInput, ctx: Context) -> dict:
    return {"echo": input.model_dump()}


@hatchet.task(name="py-sleep", input_validator=AnyInput)
async def py_sleep(input: AnyInput, ctx: Context) -> dict:
    ms = int(input.model_dump().get("ms", 100))
    await asyncio.sleep(ms / 1000)
    return {"slept": ms}


@hatchet.task(name="py-fail", input_validator=AnyInput, retries=0)
async def py_fail(input: AnyInput, ctx: Context) -> dict:
    raise RuntimeError("py-fail refused: " + str(input.model_dump().get("reason", "no reason")))


if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "py-worker"
    slots = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    hatchet.worker(name, slots=slots, workflows=[py_echo, py_sleep, py_fail]).start()
