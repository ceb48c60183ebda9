"""Pure rules: functions from values to (values, issues). No files, databases or clocks."""
