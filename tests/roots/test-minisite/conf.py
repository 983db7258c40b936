from tests.siteconf import *  # noqa: F403
