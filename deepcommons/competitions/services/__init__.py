"""Write services of the competitions app, one module per verb group."""

from deepcommons.competitions.services.competitions import (
    ANNOUNCEMENT_KIND,
    CompetitionInput,
    can_host,
    create_competition,
    delete_data_file,
    post_announcement,
    update_competition,
    upload_data_file,
    upload_solution,
)
from deepcommons.competitions.services.finalize import finalize_competition, medal_for
from deepcommons.competitions.services.submissions import (
    score_submission,
    select_final,
    submission_refusal,
    submit,
)
from deepcommons.competitions.services.teams import (
    accept_merge,
    decline_merge,
    invite_user,
    join_competition,
    merge_refusal,
    rename_team,
    request_merge,
)
from deepcommons.competitions.services.writeups import add_writeup

__all__ = [
    "ANNOUNCEMENT_KIND",
    "CompetitionInput",
    "accept_merge",
    "add_writeup",
    "can_host",
    "create_competition",
    "decline_merge",
    "delete_data_file",
    "finalize_competition",
    "invite_user",
    "join_competition",
    "medal_for",
    "merge_refusal",
    "post_announcement",
    "rename_team",
    "request_merge",
    "score_submission",
    "select_final",
    "submission_refusal",
    "submit",
    "update_competition",
    "upload_data_file",
    "upload_solution",
]
