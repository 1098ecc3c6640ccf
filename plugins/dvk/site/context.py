"""One build's state, handed from stage to stage (see ``pipeline.py``).

The runner (``build.py``) makes a ``BuildContext`` with the validated corpus and
the paths; each stage reads what earlier stages left and adds its own part.
Nothing of a build lives in a module global or on Pelican's objects, so two
builds in one process (the dev server, the tests) never see each other's data.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from typing import Callable

from dvk.derive.showcase import Showcase
from dvk.load.corpus import Corpus


@dataclass
class PostLinks:
    """A published post's neighbours, chosen by ``derive.showcase.related_posts``."""

    url: str                      # its address, computed once (Pelican's ``url`` recomputes at every use)
    related: list = dc_field(default_factory=list)
    newer: object = None
    older: object = None


@dataclass
class BuildContext:
    root: Path
    content: Path
    data: Path
    output: Path                        # the folder this build writes (swapped into place when done)
    corpus: Corpus
    preview: bool = False               # drafts and scheduled posts shown, with a banner
    search: bool = True                 # write the search index
    cache: Path | None = None           # where processed images and index files are kept between builds
    progress: Callable[[str], None] = lambda message: None
    built: dt.datetime | None = None    # the build's date as pages show it: SOURCE_DATE_EPOCH or the newest input
    # derive: the showcase data, from the corpus
    showcase: Showcase | None = None
    # derive, from the posts Pelican read: each post's neighbours and picture, by source path
    posts: dict[str, PostLinks] = dc_field(default_factory=dict)
    latest_posts: list = dc_field(default_factory=list)               # published posts, newest first
    og_images: dict[str, dict | None] = dc_field(default_factory=dict)
    preview_marks: dict[str, str] = dc_field(default_factory=dict)     # source path -> "draft" | "future"
    dates: dict[str, dt.datetime] = dc_field(default_factory=dict)     # address -> date, for the sitemap
    images: object = None               # render.images.ImageProcessor of this build
    manifest: object = None             # incremental.Manifest: pages of the previous build that may be reused
    digests: object = None              # incremental.Digests: what each record and post page shows, by file
    markdown: object = None             # load.markdown.RenderCache: posts' HTML kept between builds
    model_pages: object = None          # site.showcase.ShowcaseGenerator: renders one model's page again (dev server)
    # render: pages planned but not yet rendered (incremental.render_pending runs them on every core)
    pending: list = dc_field(default_factory=list)
    # render: files written by forked children meanwhile (open data, search index), waited for before the sitemap
    background: list = dc_field(default_factory=list)

    def forks(self) -> bool:
        """Whether ``in_background`` forks: at national scale, on more than one core."""
        from dvk import parallel
        return len(self.corpus.models) >= parallel.BACKGROUND_MIN and (os.cpu_count() or 1) > 1

    def in_background(self, job, then=None) -> bool:
        """Run ``job`` in a forked child while the build goes on (``parallel.Background``) when ``forks()``;
        here and now otherwise. ``wait_background`` waits for them all, and gives ``then`` (if given) what
        ``job`` returned. True when a child was forked."""
        from dvk import parallel
        here = not self.forks()
        self.background.append((parallel.Background(job, run_here=here), then))
        return not here

    def wait_background(self) -> None:
        """Wait for the jobs ``in_background`` started; raise the first one's error, once all have ended."""
        jobs, self.background = self.background, []
        errors = []
        for job, then in jobs:
            try:
                value = job.wait()
                if then is not None:
                    then(value)
            except Exception as exc:
                errors.append(exc)
        if errors:
            raise errors[0]

    def stop_background(self) -> None:
        """End the jobs still running (a build that failed meanwhile: its folder is about to be removed)."""
        jobs, self.background = self.background, []
        for job, _ in jobs:
            job.stop()

    @property
    def cache_dir(self) -> Path:
        return self.cache or self.root / ".cache"
