"""`manage.py train_spam_model`: retrain the spam classifier on this site's posts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deepcommons.moderation.abuse import spam, training

MIN_EXAMPLES = 5


class Command(BaseCommand):
    help = (
        "Train the spam classifier on posts removed as spam against live posts, and write it "
        "to the data folder. Runs locally; no content leaves the machine."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="Where to write the model (default: the data folder).")

    def handle(self, *args: Any, output: str | None = None, **options: Any) -> None:
        spam_texts, ham_texts = training.examples()
        if len(spam_texts) < MIN_EXAMPLES or len(ham_texts) < MIN_EXAMPLES:
            raise CommandError(
                f"Need at least {MIN_EXAMPLES} spam and {MIN_EXAMPLES} other posts; "
                f"found {len(spam_texts)} spam and {len(ham_texts)} other. "
                "Until then the spam score uses its rules alone."
            )
        pipeline = spam.train(spam_texts, ham_texts)
        path = spam.save(pipeline, Path(output) if output else None)
        self.stdout.write(
            f"Trained on {len(spam_texts)} spam and {len(ham_texts)} other posts; wrote {path}."
        )
