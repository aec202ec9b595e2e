from django.conf import settings
from django.db import migrations

ROLE_GROUPS = ["Members", "Moderators", "Administrators"]


def create_roles_and_site(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)
    Site = apps.get_model("sites", "Site")
    host = settings.SITE_URL.split("://", 1)[-1]
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": host, "name": "DeepCommons"})


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_roles_and_site, remove_roles)]
