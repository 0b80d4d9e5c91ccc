"""Message.helped became HelpedMark (0002); dropped in its own migration, so PostgreSQL alters
the table in a transaction that wrote no rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_conversations")]

    operations = [migrations.RemoveField(model_name="message", name="helped")]
