"""Factories for the exhibitors app: a hall of 80 × 50 m in a fresh edition, stands of 3 × 3 m."""

from decimal import Decimal

import factory

from events.enums import SpaceKind
from exhibitors.models import Activity, Category, Exhibitor, Stand
from tests.factories import EditionFactory, SpaceFactory


class HallFactory(SpaceFactory):
    kind = SpaceKind.HALL
    capacity = 2000
    plan_width = 80
    plan_height = 50


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    name_fr = factory.SelfAttribute("name")


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibitor

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Exhibitor {n}")
    slug = factory.Sequence(lambda n: f"exhibitor-{n}")
    description_fr = factory.Sequence(lambda n: f"Description de l'exposant {n}.")
    contact_name = "Alex Contact"
    contact_email = factory.Sequence(lambda n: f"contact{n}@exhibitor.example")
    contact_phone = "+32 470 00 00 00"


class StandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stand

    hall = factory.SubFactory(HallFactory)
    edition = factory.SelfAttribute("hall.edition")
    code = factory.Sequence(lambda n: f"S{n}")
    x = Decimal(0)
    y = Decimal(0)
    width = Decimal(3)
    height = Decimal(3)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    exhibitor = factory.SubFactory(ExhibitorFactory)
    title = factory.Sequence(lambda n: f"Demo {n}")
    title_fr = factory.SelfAttribute("title")
