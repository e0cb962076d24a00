"""Hardware context cache (a later issue). Not implemented yet."""
