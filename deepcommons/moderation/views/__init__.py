"""Moderation pages: the audit log, the review queues, flags, the post panel and users."""
