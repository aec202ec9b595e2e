"""Demo careers: jobs at two organisations (published, one expired, one draft),
open-to-work members, and an application in the interview stage.

It runs after orgs' demo (62) but needs none of it: the two organisations are
made here by slug if they are missing. Running it again adds nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.models import (
    Application,
    Job,
    JobLanguage,
    JobRole,
    JobState,
    Seniority,
    Stage,
    TalentProfile,
    Workplace,
)
from deepcommons.careers.services import JobData, TalentData
from deepcommons.orgs.models import RECRUITING_ROLES, Organisation, OrgKind, OrgMembership, OrgRole
from deepcommons.spaces.models import Tag

ORGS = [
    {
        "slug": "deepvision-lab",
        "name_en": "DeepVision Lab",
        "name_zh": "深视实验室",
        "kind": OrgKind.LAB,
        "locations": "Beijing, Remote",
    },
    {
        "slug": "shanghai-ml-inc",
        "name_en": "Shanghai ML Inc.",
        "name_zh": "上海机器学习公司",
        "kind": OrgKind.COMPANY,
        "locations": "Shanghai",
    },
]

JOBS: list[dict[str, Any]] = [
    {
        "org": "deepvision-lab",
        "title": "Research scientist, self-supervised vision",
        "description": (
            "Join a small team working on **self-supervised** pre-training for video.\n\n"
            "- Publish at CVPR / ICCV\n- Mentor interns\n\n研究自监督视觉表征学习。"
        ),
        "role": JobRole.RESEARCH_SCIENTIST,
        "seniority": Seniority.SENIOR,
        "skills": ["pytorch", "computer-vision"],
        "location": "Beijing",
        "workplace": Workplace.HYBRID,
        "salary": (500_000, 800_000, "CNY"),
        "visa": True,
        "language": JobLanguage.BOTH,
        "state": "published",
    },
    {
        "org": "deepvision-lab",
        "title": "MLOps engineer (remote, Asia time zones)",
        "description": "Run our training cluster and model registry. Kubernetes, Ray, CI.",
        "role": JobRole.MLOPS,
        "seniority": Seniority.MID,
        "skills": ["mlops"],
        "location": "",
        "workplace": Workplace.REMOTE,
        "time_zones": "UTC+8 ± 3 hours",
        "salary": (60_000, 90_000, "USD"),
        "language": JobLanguage.EN,
        "state": "published",
    },
    {
        "org": "shanghai-ml-inc",
        "title": "Machine learning engineer, recommendation",
        "description": "Build ranking models serving 50 million users. 中文工作环境。",
        "role": JobRole.ML_ENGINEER,
        "seniority": Seniority.MID,
        "skills": ["pytorch"],
        "location": "Shanghai",
        "workplace": Workplace.ONSITE,
        "salary": (350_000, 550_000, "CNY"),
        "language": JobLanguage.ZH,
        "state": "published",
    },
    {
        "org": "shanghai-ml-inc",
        "title": "Data science intern (summer)",
        "description": "Three months on experimentation and causal inference.",
        "role": JobRole.INTERN,
        "seniority": Seniority.INTERN,
        "skills": [],
        "location": "Shanghai",
        "workplace": Workplace.ONSITE,
        "salary": (8_000, 12_000, "CNY"),
        "language": JobLanguage.ZH,
        "state": "expired",
    },
    {
        "org": "shanghai-ml-inc",
        "title": "Staff research engineer, LLM inference (draft)",
        "description": "Speculative decoding, quantisation, kernels.",
        "role": JobRole.RESEARCH_ENGINEER,
        "seniority": Seniority.STAFF,
        "skills": [],
        "location": "Shanghai",
        "workplace": Workplace.HYBRID,
        "salary": (None, None, ""),
        "language": JobLanguage.EN,
        "state": "draft",
    },
]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _orgs() -> dict[str, Organisation]:
    orgs = {}
    for spec in ORGS:
        org, _created = Organisation.objects.get_or_create(
            slug=spec["slug"],
            defaults={**spec, "verified_at": timezone.now()},
        )
        orgs[org.slug] = org
    return orgs


def _recruiter(org: Organisation, candidates: list[User]) -> User | None:
    membership = (
        OrgMembership.objects.filter(org=org, role__in=RECRUITING_ROLES)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is not None:
        return membership.user
    for user in candidates:
        if not OrgMembership.objects.filter(user=user).exists():
            OrgMembership.objects.create(org=org, user=user, role=OrgRole.ADMIN)
            return user
    return None


def _job(spec: dict[str, Any], org: Organisation, by: User) -> Job:
    existing = Job.objects.filter(org=org, title=spec["title"]).first()
    if existing is not None:
        return existing
    low, high, currency = spec["salary"]
    tags = [t.name for t in Tag.objects.filter(name__in=spec["skills"])]
    data = JobData(
        title=spec["title"],
        description=spec["description"],
        role=spec["role"],
        seniority=spec["seniority"],
        skills=tags,
        location=spec["location"],
        workplace=spec["workplace"],
        time_zones=spec.get("time_zones", ""),
        salary_min=low,
        salary_max=high,
        currency=currency,
        visa_sponsorship=spec.get("visa", False),
        language=spec["language"],
    )
    job = services.create_job(org=org, by=by, data=data, publish=spec["state"] != "draft")
    if spec["state"] == "expired":
        Job.objects.filter(pk=job.pk).update(
            published_at=timezone.now() - timedelta(days=40),
            expires_at=timezone.now() - timedelta(days=10),
            state=JobState.EXPIRED,
        )
    return job


@transaction.atomic
def build(stdout: Any) -> None:
    orgs = _orgs()
    members = list(
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(username="deleted")
        .order_by("pk")[:12]
    )
    if len(members) < 4:
        stdout.write("careers: organisations made; too few members for jobs\n")
        return
    recruiters = {slug: _recruiter(org, members) for slug, org in orgs.items()}
    made = 0
    jobs: list[Job] = []
    for spec in JOBS:
        recruiter = recruiters[spec["org"]]
        if recruiter is None:
            continue
        before = Job.objects.count()
        jobs.append(_job(spec, orgs[spec["org"]], recruiter))
        made += Job.objects.count() - before
    busy = {u.pk for u in recruiters.values() if u is not None}
    seekers = [
        u for u in members if u.pk not in busy and not OrgMembership.objects.filter(user=u).exists()
    ][:2]
    for seeker in seekers:
        if not TalentProfile.objects.filter(user=seeker).exists():
            services.update_talent_profile(
                user=seeker,
                data=TalentData(
                    open_to_work=True,
                    headline="ML engineer, vision and recommendation",
                    roles=[JobRole.ML_ENGINEER, JobRole.RESEARCH_ENGINEER],
                    skills=[t.name for t in Tag.objects.filter(name__in=["pytorch", "mlops"])],
                    locations="Shanghai, Beijing",
                    salary_expectation=450_000,
                    salary_currency="CNY",
                ),
            )
    if seekers and jobs and jobs[0].is_open:
        applicant = seekers[0]
        application = Application.objects.filter(job=jobs[0], applicant=applicant).first()
        if application is None:
            application = services.apply_to_job(
                job=jobs[0],
                applicant=applicant,
                cv=SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
                cover_note="I pre-trained video models on 8 GPUs; I would love to scale it up.",
            )
            recruiter = recruiters[jobs[0].org.slug]
            assert recruiter is not None
            services.move_application(application=application, by=recruiter, stage=Stage.REVIEWING)
            services.move_application(
                application=application,
                by=recruiter,
                stage=Stage.INTERVIEW,
                message="We would like to talk next week: pick a slot that suits you.",
            )
    stdout.write(f"careers: {made} jobs added ({Job.objects.count()} in all)\n")
