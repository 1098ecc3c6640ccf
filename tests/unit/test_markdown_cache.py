"""Posts' HTML is kept between builds by the text of their Markdown (dvk.load.markdown.RenderCache)."""
import pytest

from dvk.load import markdown


def test_a_body_seen_before_is_not_rendered_again_and_a_changed_one_is(tmp_path, monkeypatch):
    store = tmp_path / "rendered.pickle"
    first = markdown.RenderCache(store)
    assert first.to_html("Một **phong trào** <script>alert(1)</script>") == "<p>Một <strong>phong trào</strong> </p>"
    first.save()

    def refuse(text):
        raise AssertionError(f"rendered again: {text}")
    monkeypatch.setattr(markdown, "to_html", refuse)
    again = markdown.RenderCache(store)
    assert again.to_html("Một **phong trào** <script>alert(1)</script>") == "<p>Một <strong>phong trào</strong> </p>"
    with pytest.raises(AssertionError, match="rendered again"):
        again.to_html("Một **phong trào** mới")                 # one character more: rendered anew


def test_a_cache_made_by_other_code_is_not_used(tmp_path, monkeypatch):
    store = tmp_path / "rendered.pickle"
    first = markdown.RenderCache(store)
    first.to_html("Tin *vắn*")
    first.save()
    monkeypatch.setattr(markdown, "version", lambda package: "0.0-other")     # another cmarkgfm or nh3
    later = markdown.RenderCache(store)
    assert later.old == {} and later.to_html("Tin *vắn*") == "<p>Tin <em>vắn</em></p>"
