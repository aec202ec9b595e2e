"""Attaching, viewing and downloading notebooks: permissions and bad files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.learning.models import Notebook
from deepcommons.learning.notebooks import MAX_BYTES
from deepcommons.learning.tests.factories import code_cell, display, notebook_json
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_post, make_question

pytestmark = pytest.mark.django_db
GITHUB = "https://github.com/d2l-ai/d2l-en/blob/master/chapter_preliminaries/ndarray.ipynb"


@pytest.fixture
def tutorial(alice: User) -> Post:
    from deepcommons.spaces.models import Tag

    Tag.objects.get_or_create(name="pytorch")
    return make_post(Kind.TUTORIAL, author=alice, title="Tensors in PyTorch")


def _upload(client: Client, post: Post, data: bytes, name: str = "intro.ipynb", **extra: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"/learn/notebooks/new/?post={post.pk}",
        {"file": SimpleUploadedFile(name, data, "application/json"), **extra},
    )


def test_the_author_attaches_a_notebook_and_it_renders(
    alice_client: Client, client: Client, tutorial: Post
) -> None:
    assert alice_client.get(f"/learn/notebooks/new/?post={tutorial.pk}").status_code == 200
    original = notebook_json()
    response = _upload(alice_client, tutorial, original, title="Intro", github_url=GITHUB)
    notebook = Notebook.objects.get()
    assert response.status_code == 302 and response["Location"] == notebook.get_absolute_url()
    page = client.get(notebook.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "<h1>Title</h1>" in html and "Intro" in html
    assert (
        'href="https://colab.research.google.com/github/d2l-ai/d2l-en/blob/master/'
        'chapter_preliminaries/ndarray.ipynb"' in html
    )
    assert f'href="https://kaggle.com/kernels/welcome?src={GITHUB}"' in html
    download = client.get(f"{notebook.get_absolute_url()}download/")
    assert download["Content-Disposition"] == 'attachment; filename="intro.ipynb"'
    assert download.content == original


def test_a_hostile_notebook_page_has_no_script(
    alice_client: Client, client: Client, tutorial: Post
) -> None:
    hostile = notebook_json(
        [code_cell("x", [display({"text/html": "<script>alert('x')</script><p>kept</p>"})])]
    )
    assert _upload(alice_client, tutorial, hostile).status_code == 302
    html = client.get(Notebook.objects.get().get_absolute_url()).content.decode()
    assert "alert(" not in html and "<p>kept</p>" in html


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"{broken", "intro.ipynb", "not valid JSON"),
        (b'{"nbformat": 4, "nbformat_minor": 5, "cells": "no"}', "intro.ipynb", "Jupyter format"),
        (notebook_json(), "intro.py", "ending in .ipynb"),
    ],
)
def test_a_bad_file_is_a_form_error(
    alice_client: Client, tutorial: Post, data: bytes, name: str, message: str
) -> None:
    response = _upload(alice_client, tutorial, data, name=name, title="Kept title")
    html = response.content.decode()
    assert response.status_code == 400 and message in html and "Kept title" in html
    assert not Notebook.objects.exists()


def test_a_bad_github_link_is_a_form_error(alice_client: Client, tutorial: Post) -> None:
    response = _upload(
        alice_client, tutorial, notebook_json(), github_url="https://gitlab.com/a/b/x.ipynb"
    )
    assert response.status_code == 400 and "GitHub notebook link" in response.content.decode()


def test_an_oversize_upload_is_refused_from_its_declared_length(
    alice_client: Client, tutorial: Post
) -> None:
    # The body is 10 bytes, the declared length 100 MB: answered from the
    # header, before one byte is read (the test client would fail a read
    # past what it holds).
    response = alice_client.generic(
        "POST",
        f"/learn/notebooks/new/?post={tutorial.pk}",
        b"x" * 10,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 413 and "at most 10 MB" in response.content.decode()


def test_the_attach_form_still_checks_csrf(alice: User, tutorial: Post) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert _upload(client, tutorial, notebook_json()).status_code == 403
    assert not Notebook.objects.exists()


def test_an_oversize_file_is_refused(alice_client: Client, tutorial: Post) -> None:
    # Under the declared-length guard (the envelope's allowance), stopped by
    # the counting upload handler as it streams.
    response = _upload(alice_client, tutorial, b" " * (MAX_BYTES + 1))
    assert response.status_code == 413 and "at most 10 MB" in response.content.decode()
    assert not Notebook.objects.exists()


def test_only_the_author_or_a_moderator_may_attach(
    client: Client, bob_client: Client, tutorial: Post
) -> None:
    from deepcommons.posts.tests.factories import make_site_moderator

    anonymous = client.get(f"/learn/notebooks/new/?post={tutorial.pk}")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert bob_client.get(f"/learn/notebooks/new/?post={tutorial.pk}").status_code == 403
    assert _upload(bob_client, tutorial, notebook_json()).status_code == 403
    moderator = Client()
    moderator.force_login(make_site_moderator())
    assert _upload(moderator, tutorial, notebook_json()).status_code == 302


def test_questions_take_no_notebooks(alice: User, alice_client: Client) -> None:
    question = make_question(author=alice)
    assert alice_client.get(f"/learn/notebooks/new/?post={question.pk}").status_code == 404
    assert alice_client.get("/learn/notebooks/new/?post=abc").status_code == 404


def test_an_answer_takes_a_notebook(alice: User, bob: User, bob_client: Client) -> None:
    from deepcommons.posts.tests.factories import make_answer

    answer = make_answer(make_question(author=alice), author=bob)
    assert _upload(bob_client, answer, notebook_json()).status_code == 302


def test_a_notebook_on_a_deleted_post_is_not_found(
    alice_client: Client, client: Client, bob_client: Client, tutorial: Post
) -> None:
    from django.utils import timezone

    _upload(alice_client, tutorial, notebook_json())
    notebook = Notebook.objects.get()
    Post.objects.filter(pk=tutorial.pk).update(deleted_at=timezone.now())
    assert client.get(notebook.get_absolute_url()).status_code == 404
    assert bob_client.get(notebook.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/learning/notebooks/{notebook.pk}").status_code == 404


def test_only_the_owner_removes_a_notebook(
    alice_client: Client, bob_client: Client, tutorial: Post
) -> None:
    _upload(alice_client, tutorial, notebook_json())
    notebook = Notebook.objects.get()
    assert bob_client.post(f"{notebook.get_absolute_url()}delete/").status_code == 403
    assert alice_client.post(f"{notebook.get_absolute_url()}delete/").status_code == 302
    assert not Notebook.objects.exists()


def test_the_api_gives_the_rendered_notebook(
    alice_client: Client, client: Client, tutorial: Post
) -> None:
    _upload(alice_client, tutorial, notebook_json(), github_url=GITHUB)
    notebook = Notebook.objects.get()
    data = client.get(f"/api/v1/learning/notebooks/{notebook.pk}").json()
    assert data["html"] == notebook.rendered_html and data["cell_count"] == 2
    assert data["colab_url"].startswith("https://colab.research.google.com/github/d2l-ai/")
    assert client.get("/api/v1/learning/notebooks/999999").json() == {"message": "Not found."}


def test_a_nul_character_in_an_output_is_dropped(alice_client: Client, tutorial: Post) -> None:
    from deepcommons.learning.tests.factories import stream

    data = notebook_json([code_cell("x", [stream("a\u0000b")])])
    assert _upload(alice_client, tutorial, data).status_code == 302
    assert '<pre class="nb-stream">ab</pre>' in Notebook.objects.get().rendered_html
