"""One package per partner system; each registers its senders, routes and tasks."""
