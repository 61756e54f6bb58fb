"""Timing knowledge maps apart from the build: every guide's own map, and the maps of the
largest subject, each laid out cold (nothing kept from an earlier run).

    python benchmarks/maps.py benchmarks/work/4000/meshkit     # prints JSON

The build's own cost of maps is the difference between `meshkit` and `meshkit-unmapped`
(`run.py --unmapped`); this says where that time goes, and how long the largest subject's
maps take in all, which the knowledge-maps issue asks to stay under 10 s at 10,000 guides.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.config import load_config

from meshkit.clock import build_date
from meshkit.content.plugin import GuidesPlugin, content_rules
from meshkit.maps.atlas import Atlas
from meshkit.maps.draw import dot_source
from meshkit.maps.layout import Layouts
from meshkit.render import environment
from meshkit.site.map_pages import Maps
from meshkit.site.pages import SiteInfo, SitePages
from meshkit.site_loading import check_site
from meshkit.workers import worker_count


def measure_maps(folder: Path) -> dict[str, Any]:
    """Figures for the site in `folder`: its guides' own maps and its largest subject's."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(folder / "mkdocs.yml"))
    checked = check_site(config)
    plugin = config.plugins["meshkit/guides"]
    assert isinstance(plugin, GuidesPlugin)
    pages = _pages(config, checked)
    started = time.perf_counter()
    maps = Maps(pages, Atlas(pages.collection, plugin.config.map_size))
    local = [dot_source(maps.graph(part)) for part in maps.local.values()]
    chosen = time.perf_counter() - started
    runs = worker_count(len(local))
    started = time.perf_counter()
    Layouts(runs=runs).draw(local)
    local_seconds = time.perf_counter() - started
    subject, (parts, unlinked) = max(
        maps.subjects.items(), key=lambda item: sum(len(p.own) for p in item[1][0])
    )
    started = time.perf_counter()
    sources = [dot_source(maps.graph(part)) for part in parts]
    drawn = Layouts(runs=runs).draw(sources)
    subject_seconds = time.perf_counter() - started
    return {
        "guides": len(pages.collection.guides),
        "runs": runs,
        "local_maps": len(local),
        "local_choose_seconds": round(chosen, 2),
        "local_layout_seconds": round(local_seconds, 2),
        "largest_subject": subject,
        "subject_guides_drawn": sum(len(part.own) for part in parts),
        "subject_unlinked": len(unlinked),
        "subject_parts": len(parts),
        "subject_seconds": round(subject_seconds, 2),
        "subject_failed": sum(not made.svg for made in drawn),
    }


def _pages(config: Any, checked: Any) -> SitePages:
    """The site's pages in its own language, with the guides the check read."""
    collection = checked.site.collection
    return SitePages(
        environment([]),
        content_rules(config),
        collection,
        {slug: f"{slug}/" for slug in collection.guides},
        SiteInfo(config.site_name),
        build_date(),
    )


if __name__ == "__main__":
    print(json.dumps(measure_maps(Path(sys.argv[1])), indent=2))
