from django.urls import path

from deepcommons.ops.views import churn, common, health, incentives, runs

app_name = "ops"


def page(route: str, name: str):  # type: ignore[no-untyped-def]
    return path(route, common.console_page, {"name": name}, name=name)


urlpatterns = [
    page("", "overview"),
    page("growth/", "growth"),
    page("activity/", "activity"),
    path("activity/at-risk.csv", churn.at_risk_csv, name="churn-csv"),
    path("activity/reengage/", churn.reengage, name="churn-reengage"),
    page("spread/", "spread"),
    page("network/", "network"),
    page("health/", "health"),
    path("health/<slug:table_id>.csv", health.table_csv, name="health-csv"),
    page("incentives/", "incentives"),
    path("incentives/<slug:table_id>.csv", incentives.table_csv, name="incentives-csv"),
    path("charts/<slug:name>/<slug:chart_id>.json", common.chart_json, name="chart-json"),
    path("charts/<slug:name>/<slug:chart_id>.csv", common.chart_csv, name="chart-csv"),
    path("recompute/", runs.recompute, name="recompute"),
    path("runs/<int:run_id>/", runs.run_progress, name="run-progress"),
]
