"""Indexes for filtered searches: documents by kind and by space, and a
document's tags (filled here from the existing documents)."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
INSERT INTO search_documenttag (tag_id, post_id)
SELECT pt.tag_id, d.post_id FROM search_searchdocument d
JOIN posts_post_tags pt ON pt.post_id = d.thread_id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('posts', '0002_comment_edited_at'),
        ('search', '0004_question_embedding'),
        ('spaces', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentTag',
            fields=[
                ('pk', models.CompositePrimaryKey('tag', 'post', blank=True, editable=False, primary_key=True, serialize=False)),
                ('tag', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='spaces.tag')),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='posts.post')),
            ],
            options={
                'verbose_name': 'search document tag',
                'verbose_name_plural': 'search document tags',
            },
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['kind', 'post'], name='search_document_kind'),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['space_id', 'post'], name='search_document_space'),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
