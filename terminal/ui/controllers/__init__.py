"""Controllers: call the counter core off the GUI thread and tell views what happened."""
