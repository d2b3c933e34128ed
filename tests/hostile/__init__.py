"""A hostile corpus generated in code, and a child process that runs it through the CLI."""
