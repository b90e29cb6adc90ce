"""Evaluation commands, one module per stage; each exposes ``main(argv) -> int`` for ``warta eval``."""
