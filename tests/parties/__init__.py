"""Party import: rules, job, workbook refresh and CLI."""
