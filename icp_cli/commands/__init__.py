"""What each command does once its options are parsed: glue between library and renderers."""
