"""Views: lay out and style widgets; they emit intents and never call the core."""
