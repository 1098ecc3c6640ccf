"""The mutations of tests/MUTATIONS.md: apply each one-line change, run the tests said to catch it, revert.

    python tests/unit/check_mutations.py [name …]

Each file is written back exactly as it was after its run (uncommitted edits survive). Each line printed says CAUGHT
when the tests failed with the mutation in place. Not a test module: pytest does not collect it.
"""
import os
import subprocess
import sys

WT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": f"{WT}/plugins"}
MUTATIONS = [
    ("build-errors", "plugins/dvk/site/build.py",
     "        if collector.records:\n", "        if False and collector.records:\n",
     ["tests/unit/test_build_errors.py"]),
    ("opendata-added", "plugins/dvk/derive/opendata.py",
     '                 "lat": p.lat, "lon": p.lon, **_tally_dict(t, fields)}\n',
     '                 "lat": p.lat, "lon": p.lon, **_tally_dict(t, fields), "records": t.total + sum(v for r in reports if r.place and r.place.province.code == p.code for v in (r.data.get("totals") or {}).values())}\n',
     ["tests/unit/test_opendata.py"]),
    ("alt-escape", "plugins/dvk/render/images.py",
     '        alt_attr = html.escape(alt or "", quote=True)\n', '        alt_attr = alt or ""\n',
     ["tests/unit/test_escaping.py"]),
    ("desc-escape", "plugins/dvk/render/charts.py",
     """             f'<span class="visually-hidden" id="{did}">{escape(chart.description)}</span>']\n""",
     """             f'<span class="visually-hidden" id="{did}">{chart.description}</span>']\n""",
     ["tests/unit/test_escaping.py"]),
    ("title-escape", "plugins/dvk/render/charts.py",
     """             f'<span class="visually-hidden" id="{tid}">{escape(chart.title)}</span>'\n""",
     """             f'<span class="visually-hidden" id="{tid}">{chart.title}</span>'\n""",
     ["tests/unit/test_escaping.py"]),
    ("watch-theme", "plugins/dvk/tools/devserver.py",
     '    return [root / "content", root / "data", PROJECT / "theme", PROJECT / "plugins"]\n',
     '    return [root / "content", root / "data", PROJECT / "plugins"]\n',
     ["tests/unit/test_devserver_watch.py"]),
    ("sitemap-tags-authors", "plugins/dvk/derive/sitemap.py",
     'NOT_PAGES = {urls.IMAGES.rstrip("/"), "feeds", "theme"}   # folders of files, not pages\n',
     'NOT_PAGES = {urls.IMAGES.rstrip("/"), "feeds", "theme", "tu-khoa", "tac-gia"}   # folders of files, not pages\n',
     ["tests/unit/test_sitemap.py"]),
    ("sitemap-skip-regex", "plugins/dvk/derive/sitemap.py",
     'SKIP = re.compile("(^|/)" + re.escape(urls.PAGINATED.format(base="", number="@")).replace("@", r"\\d+") + "$")\n',
     'SKIP = re.compile("(^|/)(tu-khoa|tac-gia)/|(^|/)" + re.escape(urls.PAGINATED.format(base="", number="@")).replace("@", r"\\d+") + "$")\n',
     ["tests/unit/test_sitemap.py"]),
    ("sitemap-skip-regex-site", "plugins/dvk/derive/sitemap.py",
     'SKIP = re.compile("(^|/)" + re.escape(urls.PAGINATED.format(base="", number="@")).replace("@", r"\\d+") + "$")\n',
     'SKIP = re.compile("(^|/)(tu-khoa|tac-gia)/|(^|/)" + re.escape(urls.PAGINATED.format(base="", number="@")).replace("@", r"\\d+") + "$")\n',
     ["tests/site/test_seo.py::test_sitemap_lists_every_page_and_robots_names_it"]),
    ("future-never", "plugins/dvk/model/visibility.py",
     "    if is_post and date is not None and date > now:\n", "    if False and is_post and date is not None and date > now:\n",
     ["tests/unit/test_visibility.py"]),
    ("future-pages-too", "plugins/dvk/model/visibility.py",
     "    if is_post and date is not None and date > now:\n", "    if date is not None and date > now:\n",
     ["tests/unit/test_visibility.py"]),
    ("future-inclusive", "plugins/dvk/model/visibility.py",
     "    if is_post and date is not None and date > now:\n", "    if is_post and date is not None and date >= now:\n",
     ["tests/unit/test_visibility.py"]),
    # the web editor (dvk/site/cms.py, cmsconfig.py, cms-preview.js; dvk/tools/cms.py)
    ("cms-province-folder", "plugins/dvk/site/cmsconfig.py",
     '            "path": "{{province}}/{{slug}}",',
     '            "path": "{{fields.province}}/{{slug}}",',
     ["tests/browser/test_cms.py::test_new_record_lands_in_its_province_folder_and_validates"]),
    ("cms-accents-kept", "plugins/dvk/site/cmsconfig.py",
     '"clean_accents": True,', '"clean_accents": False,',
     ["tests/browser/test_cms.py::test_new_record_lands_in_its_province_folder_and_validates"]),
    ("cms-nothing-required", "plugins/dvk/site/cmsconfig.py",
     'self.field(k, s, required and k in spec.required, f"{path}.{k}")',
     'self.field(k, s, False, f"{path}.{k}")',
     ["tests/unit/test_cms_config.py::test_required_keys_are_required_in_the_form",
      "tests/browser/test_cms.py::test_record_with_a_required_field_empty_or_a_wrong_value_is_refused_in_vietnamese"]),
    ("cms-optional-group-forced", "plugins/dvk/site/cmsconfig.py",
     '"fields": self.fields(spec, path, required)}', '"fields": self.fields(spec, path)}',
     ["tests/browser/test_cms.py::test_record_with_a_required_field_empty_or_a_wrong_value_is_refused_in_vietnamese"]),
    ("cms-no-blank-pattern", "plugins/dvk/site/cmsconfig.py",
     'NOT_BLANK = (r"^[\s\S]*\S[\s\S]*$", ', 'NOT_BLANK = (r"^[\s\S]*$", ',
     ["tests/unit/test_cms_config.py::test_patterns_accept_and_refuse_what_the_validator_does",
      "tests/browser/test_cms.py::test_record_with_a_required_field_empty_or_a_wrong_value_is_refused_in_vietnamese"]),
    ("cms-no-minimum", "plugins/dvk/site/cmsconfig.py",
     '                    **({"min": spec.minimum} if spec.minimum is not None else {}),\n', "",
     ["tests/unit/test_cms_config.py::test_number_ranges_are_the_validators",
      "tests/browser/test_cms.py::test_record_with_a_required_field_empty_or_a_wrong_value_is_refused_in_vietnamese"]),
    ("cms-key-left-out", "plugins/dvk/site/cmsconfig.py",
     'for k, s in spec.keys.items()]', 'for k, s in list(spec.keys.items())[:-1]]',
     ["tests/unit/test_cms_config.py::test_every_schema_key_and_no_other_is_in_the_form"]),
    ("cms-no-workflow", "plugins/dvk/site/cmsconfig.py",
     '"publish_mode": "editorial_workflow" if', '"publish_mode": "simple" if',
     ["tests/browser/test_cms.py::test_editorial_workflow_keeps_a_post_on_its_branch_until_it_is_published"]),
    ("cms-body-image-path", "plugins/dvk/site/cmsconfig.py",
     '"public_folder": "{static}/" + PUBLIC_FOLDER,', '"public_folder": PUBLIC_FOLDER,',
     ["tests/browser/test_cms.py::test_edit_a_post_and_upload_an_image"]),
    ("cms-upload-blocked", "plugins/dvk/site/cms.py",
     '["\'self\'", "blob:", "data:", *backend_origins', '["\'self\'", *backend_origins',
     ["tests/browser/test_cms.py::test_edit_a_post_and_upload_an_image"]),
    ("cms-empty-kept", "plugins/dvk/site/cms-preview.js",
     "      return data.map(prune).filter(function (v, k) { return k === \"body\" || !empty(v); });",
     "      return data;",
     ["tests/browser/test_cms.py::test_edit_a_post_and_upload_an_image"]),
    ("cms-preview-markup", "plugins/dvk/site/cms-preview.js",
     'h("p", { className: "doc-header__subject" }, "V/v " + (get(e, "subject") || ""))',
     'h("p", { className: "doc-header__subject", dangerouslySetInnerHTML: { __html: "V/v " + (get(e, "subject") || "") } })',
     ["tests/browser/test_cms.py::test_document_preview_looks_like_its_page_and_shows_typed_markup_as_text"]),
    ("cms-all-interfaces", "plugins/dvk/tools/cms.py",
     '"BIND_HOST": "127.0.0.1", ', '',
     ["tests/browser/test_cms.py::test_local_backend_listens_on_loopback_only_and_writes_only_inside_the_copy"]),
    ("cms-no-host-guard", "plugins/dvk/tools/cms.py",
     '[node, "--require", str(GUARD_JS), str(script)]', '[node, str(script)]',
     ["tests/browser/test_cms.py::test_local_backend_listens_on_loopback_only_and_writes_only_inside_the_copy"]),
    ("cms-editor-hashed", "plugins/dvk/render/assets.py",
     'SKIP_DIRS = ("files", "quan-tri")', 'SKIP_DIRS = ("files",)',
     ["tests/site/test_cms_build.py::test_enabled_editor_is_written_with_its_own_script_config_and_policy"]),
    ("cms-always-public", "plugins/dvk/site/cms.py",
     '    if not cms.get("enabled"):\n', '    if False:\n',
     ["tests/site/test_cms_build.py::test_public_build_has_no_editor_unless_publish_yaml_enables_it"]),
    ("cms-install-unchecked", "plugins/dvk/site/cms.py",
     "    if not installed():\n", "    if False:\n",
     ["tests/site/test_cms_build.py::test_missing_install_stops_the_build_with_the_command_that_installs_it"]),
    ("record-cache-stale", "plugins/dvk/load/corpus.py",
     "    todo = [p for p in paths if stamps[p] is None or old.get(p, (None, None))[0] != stamps[p]]\n",
     "    todo = [p for p in paths if stamps[p] is None or p not in old]\n",
     ["tests/site/test_incremental.py::test_the_validation_cache_sees_every_change_of_a_record_or_a_front_matter"]),
    ("front-matter-cache-key", "plugins/dvk/load/corpus.py",
     '        key = hashlib.sha1(source.text.encode("utf-8")).digest()\n',
     '        key = str(len(source.text)).encode()\n',
     ["tests/site/test_incremental.py::test_the_validation_cache_sees_every_change_of_a_record_or_a_front_matter"]),
    ("recindex-no-append", "plugins/dvk/derive/recindex.py",
     '    elif urls_then and urls_now.startswith(urls_then + "\\n"):       # entries added after all the others\n',
     '    elif False:\n',
     ["tests/browser/test_recindex.py::test_a_rebuild_after_edits_equals_a_cold_build"]),
    ("recindex-no-merge", "plugins/dvk/derive/recindex.py",
     "            if any(k != a for k in family) and sum(sizes[k] for k in family) <= SHARD_BYTES:\n",
     "            if False:\n",
     ["tests/browser/test_recindex.py::test_shards_split_by_the_next_letter_merge_again_when_their_words_are_edited_away"]),
    ("recindex-bitmap-bit", "theme/static/js/recindex.js",
     "        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) out[k++] = 8 * j + bit;\n",
     "        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) out[k++] = 8 * j + bit + 1;\n",
     ["tests/browser/test_recindex.py::test_the_index_finds_what_a_brute_force_search_finds"]),
    # a build with nothing changed (dvk/site/incremental.py, build.py)
    ("stamp-until-ignored", "plugins/dvk/site/incremental.py",
     "        if until and now_local().isoformat() >= until:\n", "        if False and until and now_local().isoformat() >= until:\n",
     ["tests/site/test_incremental.py::test_a_scheduled_post_is_published_by_the_first_build_after_its_time"]),
    ("stamp-no-theme", "plugins/dvk/site/build.py",
     "    folders = [content, data, theme, Path(incremental.__file__).resolve().parent.parent]\n",
     "    folders = [content, data, Path(incremental.__file__).resolve().parent.parent]\n",
     ["tests/site/test_incremental.py::test_a_change_to_the_theme_or_a_hidden_file_is_not_missed"]),
    ("stamp-no-env", "plugins/dvk/site/build.py",
     '                                                    os.environ.get("SOURCE_DATE_EPOCH", "")))\n',
     '                                                    ""))\n',
     ["tests/site/test_incremental.py::test_a_build_with_nothing_changed_keeps_the_site_and_any_change_is_built"]),
    ("stamp-site-unchecked", "plugins/dvk/site/incremental.py",
     '        if saved.get("site") != os.path.realpath(output) or not os.path.isdir(saved["site"]):\n',
     '        if False:\n',
     ["tests/site/test_incremental.py::test_a_build_with_nothing_changed_keeps_the_site_and_any_change_is_built"]),
    ("stamp-size-only", "plugins/dvk/site/incremental.py",
     '                    h.update(f"F{name}\\x1f{st.st_size}\\x1f{st.st_mtime_ns}\\x1e".encode("utf-8", "surrogatepass"))\n',
     '                    h.update(f"F{name}\\x1f{st.st_size}\\x1e".encode("utf-8", "surrogatepass"))\n',
     ["tests/site/test_incremental.py::test_a_build_with_nothing_changed_keeps_the_site_and_any_change_is_built"]),
    ("search-entry-by-id", "plugins/dvk/site/search.py",
     "        docs = [kept.get(digests.record(m), lambda m=m: model_doc(m, thumb)) for m in models]\n",
     "        docs = [kept.get(m.id, lambda m=m: model_doc(m, thumb)) for m in models]\n",
     ["tests/site/test_incremental.py::test_incremental_builds_equal_cold_builds_after_random_edits"]),
    ("open-data-row-by-id", "plugins/dvk/site/opendata.py",
     "                                       rows=lambda r, make: kept.get(digests.record(r), make))\n",
     "                                       rows=lambda r, make: kept.get(r.id, make))\n",
     ["tests/site/test_incremental.py::test_incremental_builds_equal_cold_builds_after_random_edits"]),
]
only = sys.argv[1:]
for name, path, old, new, tests in MUTATIONS:
    if only and name not in only:
        continue
    full = os.path.join(WT, path)
    text = open(full, encoding="utf-8").read()
    assert text.count(old) == 1, (name, "pattern not found once")
    open(full, "w", encoding="utf-8").write(text.replace(old, new))
    try:
        diff = f"{path}"
        r = subprocess.run([PY, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], cwd=WT, env=ENV,
                           capture_output=True, text=True)
        last = [l for l in r.stdout.splitlines() if l.strip()][-1]
        failed = [l for l in r.stdout.splitlines() if l.startswith("FAILED")]
        print(f"{name:22} {diff:40} rc={r.returncode} {'CAUGHT' if r.returncode == 1 else 'NOT CAUGHT'}: {last}")
        for l in failed:
            print("      ", l[:150])
    finally:
        open(full, "w", encoding="utf-8").write(text)       # exactly as it was, uncommitted edits included

