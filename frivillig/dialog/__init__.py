"""Open and equal dialogue: messages, announcements, ideas, consultations and feedback.

One small domain app each (DESIGN.md's dialog/), so that each keeps its own models and
migrations."""
