"""Where the benchmarks find the partners' local fakes: the one import to change if a fake
moves. The Zalo fake lives in tests/fakes/zalo.py (earlier in integrations/zalo/fake.py)."""

try:
    from tests.fakes import zalo
except ImportError:  # a tree from before the move
    from integrations.zalo import fake as zalo

__all__ = ["zalo"]
