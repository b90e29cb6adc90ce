"""Flow control of the agents' queues: a resume that suspends nothing must drop nothing."""

from __future__ import annotations

import asyncio

from mode.utils.queues import FlowControlQueue

from warta.app import _FlowControl


def test_resuming_flowing_queues_keeps_what_they_hold() -> None:
    async def scenario() -> tuple[int, int]:
        flow = _FlowControl()
        queue: FlowControlQueue[str] = FlowControlQueue(flow_control=flow, clear_on_resume=True)
        flow.resume()
        await queue.put("queued while flowing")
        flow.resume()  # faust resumes a second time after recovering a table
        kept = queue.qsize()
        flow.suspend()
        flow.resume()  # a real suspension still drops what belonged to the old assignment
        return kept, queue.qsize()

    assert asyncio.run(scenario()) == (1, 0)
