from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.models import Tag, TagSynonym


def test_tags_listed_by_usage_with_synonyms(client: Client, alice: User) -> None:
    make_question(author=alice, tags="pytorch cuda")
    make_question(author=alice, tags="pytorch")
    TagSynonym.objects.create(name="torch", tag=Tag.objects.get(name="pytorch"))
    content = client.get(reverse("spaces:tag-list")).content.decode()
    assert content.index(">pytorch<") < content.index(">cuda<")
    assert "torch" in content
    filtered = client.get(reverse("spaces:tag-list") + "?q=cud").content.decode()
    assert ">cuda<" in filtered and ">pytorch<" not in filtered


def test_synonym_is_resolved_when_tagging(alice_client: Client, alice: User) -> None:
    TagSynonym.objects.create(name="torch", tag=Tag.objects.create(name="pytorch"))
    question = make_question(author=alice, tags="torch")
    assert list(question.tags.values_list("name", flat=True)) == ["pytorch"]
    assert alice_client.get(reverse("spaces:tag-list")).status_code == 200
