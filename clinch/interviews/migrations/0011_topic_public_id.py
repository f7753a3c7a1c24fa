"""Topics get a public id (their address in the API): added empty and filled row by row here, made unique
in the next migration (on PostgreSQL a table cannot be altered in the transaction that updated it)."""

import uuid

from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    Topic = apps.get_model("interviews", "Topic")
    for pk in Topic.objects.filter(public_id__isnull=True).values_list("pk", flat=True).iterator():
        Topic.objects.filter(pk=pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("interviews", "0010_merge_card_photo")]

    operations = [
        migrations.AddField(model_name="topic", name="public_id", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
    ]
