"""The network the host models: the profiles and the one link every connection shares.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Final

# Time a writer loses to the thread scheduler between two chunks of one body is not lost to
# the link: a real sender keeps the bottleneck's queue full, and on a busy machine a woken
# thread can run tens of milliseconds late. A longer pause, such as a client that stops
# reading, earns no catch-up burst beyond this (50 ms is 10 KB on slow 4G).
_SCHEDULER_SLACK_S: Final = 0.05


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkProfile:
    """A network as a browser on a phone sees it.

    Attributes:
        name: A short label for reports.
        latency_s: Delay added before each response's first byte (one round trip).
        bandwidth_bytes_per_s: Throughput of the one link every connection shares.

    """

    name: str
    latency_s: float
    bandwidth_bytes_per_s: float

    def __post_init__(self) -> None:
        """Refuse a profile that would never deliver or would run time backwards."""
        if not self.latency_s >= 0:
            msg = f"latency_s must be >= 0, got {self.latency_s}"
            raise ValueError(msg)
        if not self.bandwidth_bytes_per_s > 0:
            msg = f"bandwidth_bytes_per_s must be > 0, got {self.bandwidth_bytes_per_s}"
            raise ValueError(msg)

    def transfer_seconds(self, byte_count: int) -> float:
        """Return the time needed to move ``byte_count`` bytes: one round trip plus the bytes."""
        return self.latency_s + byte_count / self.bandwidth_bytes_per_s


#: No throttling at all: what 127.0.0.1 gives, what the tests use, and a benchmark's floor.
LOOPBACK: Final = NetworkProfile(name="loopback", latency_s=0.0, bandwidth_bytes_per_s=math.inf)

#: Lighthouse's mobile throttling presets (its "slow 4G" is what PageSpeed Insights reports).
PROFILES: Final[dict[str, NetworkProfile]] = {
    "slow-4g": NetworkProfile(name="slow-4g", latency_s=0.150, bandwidth_bytes_per_s=1.6e6 / 8),
    "4g": NetworkProfile(name="4g", latency_s=0.040, bandwidth_bytes_per_s=10e6 / 8),
    "loopback": LOOPBACK,
}


class SharedLink:
    """The one link all connections share: hands out back-to-back time slots for chunks."""

    def __init__(self, bandwidth_bytes_per_s: float) -> None:
        """Model a link that moves ``bandwidth_bytes_per_s``, free from the start."""
        self._rate = bandwidth_bytes_per_s
        self._lock = threading.Lock()
        self._free_at = 0.0

    def reserve(self, size: int, *, previous_end: float | None) -> float:
        """Book the link for ``size`` bytes; return when that slot ends (monotonic time).

        ``previous_end`` is when the same body's previous chunk's slot ended, or None for a
        body's first chunk.
        """
        with self._lock:
            now = time.monotonic()
            earliest = now if previous_end is None else now - _SCHEDULER_SLACK_S
            start = max(earliest, self._free_at)
            self._free_at = start + size / self._rate
            return self._free_at
