"""The template helpers, tested without Sphinx."""

from markdown_it import MarkdownIt

from fieldnotes.listings.render import initials, myst_escape, two_digits


def test_escaped_text_renders_as_the_same_text():
    hostile = '<script>alert("x")</script> *bold* [link](javascript:x) `code` {ref}`x` $m$ ::: # \\'
    rendered = MarkdownIt("commonmark").renderInline(myst_escape(hostile))
    assert rendered == (
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; *bold* [link](javascript:x) '
        '`code` {ref}`x` $m$ ::: # \\'
    )


def test_whitespace_is_folded_so_directives_stay_on_one_line():
    assert "\n" not in myst_escape("two\nlines")


def test_two_digits_and_initials():
    assert two_digits(2) == "02" and two_digits(118) == "118"
    assert initials("Jagadesh Rajendran") == "JR"
    assert initials("Ada") == "A"
