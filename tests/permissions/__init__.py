"""The permission matrix: every actor against every private object on every path that could show it.

`matrix` holds the types and the sweep, `probes` the paths, `rows` the private objects; a new private object or a
new path is one more entry in `rows.ROWS` or `probes.PROBES`."""
