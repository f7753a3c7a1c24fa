"""Every topic has its public id now (0011): it becomes unique, with a default for new rows."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("interviews", "0011_topic_public_id")]

    operations = [
        migrations.AlterField(
            model_name="topic", name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, help_text="Its address in the API."),
        ),
    ]
