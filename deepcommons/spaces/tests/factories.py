from __future__ import annotations

import factory

from deepcommons.spaces.models import Space, Tag, TagSynonym


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"space-{n}")
    name_en = factory.Sequence(lambda n: f"Space {n}")
    name_zh = factory.Sequence(lambda n: f"空间 {n}")
    description_en = "A place to talk about models."
    description_zh = "讨论模型的地方。"
    icon = "🧠"


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag{n}")


class TagSynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TagSynonym

    name = factory.Sequence(lambda n: f"syn{n}")
    tag = factory.SubFactory(TagFactory)
