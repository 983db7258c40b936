"""How a build runs, apart from what it builds: the run's state from start to end, its folders
and cache, which pages an incremental build rewrites, warnings that recur until fixed, a stopped
build finished by the next, whole-file writes and the costs of a build that are not content."""
