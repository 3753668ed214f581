"""The backend's /v1 endpoints as module-level routers, one module per area.

``create_app`` (backend.app) builds the app's services once (``deps.Services``, kept on
``app.state.services``) and includes ``ROUTERS`` in this order, which is the order of the
paths in the OpenAPI document. Handlers receive their collaborators through the ``Annotated``
dependencies of ``deps``, never from a closure.
"""

from __future__ import annotations

from backend.routes import batches, counter, documents, enrolment, metrics

ROUTERS = (
    enrolment.router,
    documents.router,
    batches.router,
    metrics.router,
    counter.router,
)
