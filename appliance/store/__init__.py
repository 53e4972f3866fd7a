"""State: the SQLite database (schema in numbered .sql migrations) and the on-disk spool."""
