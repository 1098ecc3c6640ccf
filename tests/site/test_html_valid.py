"""Every page of the demo site passes the Nu HTML Checker (vnu) with no error.

The checker is a Java program: `invoke test` installs a Java runtime (Debian default-jre-headless) and
vnu.jar (npm vnu-jar, pinned in tasks.py) in the user's cache, outside the repository
(${XDG_CACHE_HOME:-~/.cache}/dan-van-kheo/vnu); VNU_JAR points elsewhere if wanted.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import user_cache

JAR = Path(os.environ.get("VNU_JAR") or user_cache() / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")


def vnu(paths):
    if not JAR.exists() or not shutil.which("java"):
        pytest.fail(f"Nu HTML Checker not found ({JAR}) or no Java runtime: run `invoke test`, which installs them")
    # The quick compiler only (C1): half the time of a default JVM on a few hundred pages; its larger frames need
    # a larger stack than the checker's documented 512k.
    run = subprocess.run(["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(JAR), "--errors-only", "--format", "json", *map(str, paths)],
                         capture_output=True, text=True)
    return json.loads(run.stderr)["messages"]


def test_every_demo_page_has_no_html_error(demo_output):
    pages = sorted(demo_output.rglob("*.html"))
    assert len(pages) > 200
    errors = [(os.path.relpath(m["url"].removeprefix("file:"), demo_output), m["message"])
              for m in vnu(pages)]
    assert errors == []


def test_the_checker_does_find_errors(tmp_path):
    page = tmp_path / "sai.html"
    page.write_text('<!DOCTYPE html><html lang="vi"><head><title>x</title></head><body>'
                    '<p id="a">1</p><p id="a">2</p><svg role="group"><rect height="3"/></svg></body></html>',
                    encoding="utf-8")
    messages = [m["message"] for m in vnu([page])]
    assert "Duplicate ID “a”." in messages
