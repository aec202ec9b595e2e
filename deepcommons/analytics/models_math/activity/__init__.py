"""Activity and churn: RFM segments, K-Means clusters, the BG/NBD model, cohort retention.

Units: `rfm` reports recency in days. BG/NBD's frequency, recency and T are in
whatever time unit the caller uses (days, weeks): λ = r/α is then "events per
unit of t" and `expected_events(t, …)` counts events in the next t units.

Modules: `segments` (rfm, SEGMENT_RULES), `kmeans` (cluster), `bgnbd`
(fit_bgnbd, bgnbd_summary), `cohorts` (cohort_retention) and `events` (reading
the event log they share). Import from this package: `activity.rfm(...)`.
"""

from deepcommons.analytics.models_math.activity.bgnbd import BGNBDFit, bgnbd_summary, fit_bgnbd
from deepcommons.analytics.models_math.activity.cohorts import CohortRetention, cohort_retention
from deepcommons.analytics.models_math.activity.kmeans import (
    SELECTION_SAMPLE,
    SILHOUETTE_SAMPLE,
    Clusters,
    cluster,
)
from deepcommons.analytics.models_math.activity.segments import (
    RFM,
    SEGMENT_RULES,
    SEGMENTS,
    rfm,
    segment_for,
)

__all__ = [
    "RFM",
    "SEGMENTS",
    "SEGMENT_RULES",
    "SELECTION_SAMPLE",
    "SILHOUETTE_SAMPLE",
    "BGNBDFit",
    "Clusters",
    "CohortRetention",
    "bgnbd_summary",
    "cluster",
    "cohort_retention",
    "fit_bgnbd",
    "rfm",
    "segment_for",
]
