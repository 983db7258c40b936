"""How the tests start Java for the Nu HTML Checker and EPUBCheck."""

# EPUBCheck runs for seconds and the HTML checker's service for one test run, not for hours:
# the quick (C1) compiler alone and one garbage collector thread take about half the CPU of the
# defaults, for the same report (the service: 11 CPU-s against 20 to start and check 180
# pages). Code from the quick compiler takes more stack: the HTML checker's schema recursion
# needs the larger one.
JAVA = ("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")
