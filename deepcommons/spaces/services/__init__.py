"""Writes about spaces and tags. Pages, the API, the admin and commands call these.

One module per domain: `spaces` (creating, settings, moderators, counters),
`tags` (names, usage, synonyms) and `wiki` (tag wikis and their revisions);
callers import the names from here.
"""

from deepcommons.spaces.services.spaces import (
    add_space_moderator,
    create_space,
    record_space_post,
    remove_space_moderator,
    touch_space,
    update_space_settings,
)
from deepcommons.spaces.services.tags import (
    TAG_RE,
    add_tag_synonym,
    change_tag_usage,
    check_synonym_name,
    normalize_tag_name,
    parse_tag_names,
    remove_tag_synonym,
    resolve_tags,
    validate_tag_names,
)
from deepcommons.spaces.services.wiki import clean_tag_wiki, rollback_tag_wiki, update_tag_wiki

__all__ = [
    "TAG_RE",
    "add_space_moderator",
    "add_tag_synonym",
    "change_tag_usage",
    "check_synonym_name",
    "clean_tag_wiki",
    "create_space",
    "normalize_tag_name",
    "parse_tag_names",
    "record_space_post",
    "remove_space_moderator",
    "remove_tag_synonym",
    "resolve_tags",
    "rollback_tag_wiki",
    "touch_space",
    "update_space_settings",
    "update_tag_wiki",
    "validate_tag_names",
]
