"""The use cases shared by the add-in, the CLI/batch and the tests."""
