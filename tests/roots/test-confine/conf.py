from tests.siteconf import *  # noqa: F403



def setup(app):
    """With test_body_script set, every page's body gets that inline script, as a route to
    HTML that the extension does not know of would write it; the CSP must not allow it."""
    from docutils import nodes

    app.add_config_value("test_body_script", "", "env", types=[str])

    def add_script(app, doctree):
        if app.config.test_body_script:
            doctree.append(nodes.raw("", f"<script>{app.config.test_body_script}</script>",
                                     format="html"))

    app.connect("doctree-read", add_script)
