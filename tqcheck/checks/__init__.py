"""One module, one check. See ``base.Check`` for what a check declares."""
