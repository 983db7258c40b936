"""How the tests start Java for the Nu HTML Checker and EPUBCheck."""

# Each check runs for seconds, not hours: the quick (C1) compiler alone and one garbage
# collector thread take about half the CPU of the defaults, for the same report. Code from the
# quick compiler takes more stack: the HTML checker's schema recursion needs the larger one.
JAVA = ("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")
