"""What every domain needs and that knows none of them: configuration, extensions, the
database and its unit of work, errors in one JSON shape, Vietnamese text and phone
helpers, the working-day calendar, file storage, the outbox and Celery.

The composition root that names every domain is :mod:`app`.
"""
