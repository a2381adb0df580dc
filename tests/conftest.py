from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "gold"
SEED_000 = SEEDS / "000_7e72c071a9cad5df.txt"
SEED_004 = SEEDS / "004_8ab31b7c5fbbd9ce.txt"


@pytest.fixture(scope="session")
def corpus():
    import oped_analysis as oa

    return oa.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_sentences(corpus):
    import oped_analysis as oa

    return oa.sentences(corpus)


@pytest.fixture(scope="session")
def seed_mentions(corpus):
    import oped_analysis as oa

    return oa.mentions(corpus)


@pytest.fixture(scope="session")
def root():
    """The repository's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def seeds():
    """The folder of the two seed op-eds."""
    return SEEDS


@pytest.fixture(scope="session")
def gold():
    """The human coding of the seeds (``data/gold``)."""
    return GOLD


@pytest.fixture(scope="session")
def seed_000():
    return SEED_000


@pytest.fixture(scope="session")
def seed_004():
    return SEED_004


@pytest.fixture(scope="session")
def bench_module(root):
    """``bench_module("corpus")``: a script of ``bench/`` as a module (the identity tests read
    the repo's sentences as the benchmark does)."""
    import importlib.util
    import sys

    def load(name: str):
        sys.path.insert(0, str(root / "bench"))
        spec = importlib.util.spec_from_file_location(f"bench_{name}", root / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
