# Loaded before the user's program (ruby -r): write-through stdout/stderr, so interactive runs see output at once.
$stdout.sync = true
$stderr.sync = true
