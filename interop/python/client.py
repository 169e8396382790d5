"""A client of the official Hatchet Python SDK; prints one ``RESULT {json}`` line.

Usage: python client.py run <task> <json>      one run, its output (or its error)
       python client.py many <task> <n> <conc>  n runs of <task> with {"i": k}; counts right and wrong outputs
"""

import asyncio
import json
import sys

from hatchet_sdk import Hatchet
from pydantic import BaseModel, ConfigDict

hatchet = Hatchet()


class AnyModel(BaseModel):
    model_config = ConfigDict(extra="allow")


def stub(task: str):
    return hatchet.stubs.task(name=task, input_validator=AnyModel, output_validator=AnyModel)


async def run(task: str, payload: dict) -> dict:
    try:
        out = await stub(task).aio_run(AnyModel(**payload))
        return {"result": out.model_dump()}
    except Exception as e:  # the task's failure reaches the client as an exception
        return {"error": str(e)}


async def many(task: str, n: int, concurrency: int) -> dict:
    gate = asyncio.Semaphore(concurrency)
    wrong = []

    async def one(i: int) -> None:
        async with gate:
            r = await run(task, {"i": i})
            if r.get("result", {}).get("echo", {}).get("i") != i:
                wrong.append({"i": i, "got": r})

    await asyncio.gather(*(one(i) for i in range(n)))
    return {"ok": n - len(wrong), "wrong": wrong[:5]}


def main() -> None:
    mode = sys.argv[1]
    if mode == "run":
        out = asyncio.run(run(sys.argv[2], json.loads(sys.argv[3])))
    elif mode == "many":
        out = asyncio.run(many(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    else:
        raise SystemExit("unknown mode " + mode + "; use run or many")
    print("RESULT " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
