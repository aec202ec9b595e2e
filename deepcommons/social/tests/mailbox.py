"""An email backend for tests that run a worker in another process.

It appends one line per message (the recipient) to the file named by
DC_TEST_MAILBOX, after waiting DC_TEST_MAIL_DELAY seconds, like a slow SMTP
server. The locmem backend cannot be read across processes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


class AppendFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        delay = float(os.environ.get("DC_TEST_MAIL_DELAY", "0"))
        for message in email_messages:
            time.sleep(delay)
            with open(os.environ["DC_TEST_MAILBOX"], "a", encoding="utf-8") as mailbox:
                mailbox.write(f"{message.to[0]}\t{message.subject}\n")
        return len(email_messages)
