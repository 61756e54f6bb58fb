"""The site as one language shows it: every guide in that language where it is translated,
in the site's own language where it is not."""

from __future__ import annotations

from collections.abc import Mapping

from meshkit.content.collection import Collection
from meshkit.content.model import Guide


def localized(collection: Collection, translated: Mapping[str, Guide]) -> Collection:
    """`collection` with each guide replaced by its translation (by slug), where there is one;
    the links between guides are the same links."""

    def shown(guide: Guide) -> Guide:
        return translated.get(guide.slug, guide)

    return Collection(
        guides={slug: shown(guide) for slug, guide in collection.guides.items()},
        outgoing={s: [(r, shown(g)) for r, g in links] for s, links in collection.outgoing.items()},
        incoming={s: [(r, shown(g)) for r, g in links] for s, links in collection.incoming.items()},
    )
