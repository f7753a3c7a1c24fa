"""Export and import: one versioned document, all or nothing, new ids, nothing twice."""

from __future__ import annotations

import copy
import csv
import io
import json
import re

import pytest
import time_machine

from tests.api.conftest import NOW, build_world

pytestmark = pytest.mark.django_db
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def export_of(user) -> dict:
    from clinch.transfer.export import iter_export

    return json.loads("".join(iter_export(user)))


def without_changing_fields(document: dict) -> dict:
    """The document with the fields its schema documents as changing replaced: ids by their
    position, and ``exported_at`` dropped."""
    document = copy.deepcopy(document)
    document.pop("exported_at")
    names = {}
    for section, rows in document.items():
        if isinstance(rows, list):
            for index, row in enumerate(rows):
                names[row["id"]] = f"{section}[{index}]"

    def swap(value):
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        return names.get(value, value) if isinstance(value, str) and UUID.match(value) else value

    return swap(document)


def test_the_export_matches_its_json_schema(dana):
    from jsonschema import Draft202012Validator

    from clinch.transfer.importer import schema

    build_world(dana)
    document = export_of(dana)
    Draft202012Validator(schema()).validate(document)
    assert document["format"] == "clinch-export" and document["version"] == 1
    assert len(document["messages"]) == 1 and document["messages"][0]["state"] == "sent"


def test_export_import_export_into_an_empty_instance_gives_the_same_document(dana, make_user):
    from clinch.transfer.importer import import_document

    build_world(dana)
    first = export_of(dana)
    from clinch.transfer.fields import SECTIONS

    for model, _fields, _refs in reversed(SECTIONS.values()):  # the instance is empty again
        model.objects.all().delete()
    ana = make_user("ana")
    import_document(owner=ana, data=copy.deepcopy(first))
    assert without_changing_fields(export_of(ana)) == without_changing_fields(first)


def test_export_import_export_into_another_account_gives_the_same_document_with_new_ids(dana, mallory):
    from clinch.transfer.importer import import_document

    build_world(dana)
    first = export_of(dana)
    import_document(owner=mallory, data=copy.deepcopy(first))
    second = export_of(mallory)
    # A Message-ID is unique on an instance: the copy here gets its own (documented as changing).
    assert second["messages"][0]["message_id"] != first["messages"][0]["message_id"]
    for document in (first, second):
        document["messages"][0]["message_id"] = "(own)"
    assert without_changing_fields(second) == without_changing_fields(first)
    mine = {row["id"] for section in first.values() if isinstance(section, list) for row in section}
    theirs = {row["id"] for section in second.values() if isinstance(section, list) for row in section}
    assert mine and not mine & theirs  # new ids for everything


def test_a_cancelled_interview_stays_cancelled_and_an_older_export_without_the_field_still_imports(
        dana, mallory, make_user):
    from clinch.interviews.models import Interview
    from clinch.transfer.importer import import_document

    build_world(dana)
    Interview.objects.filter(owner=dana).update(cancelled_at=NOW)
    document = export_of(dana)
    assert {row["cancelled_at"] for row in document["interviews"]} == {NOW.isoformat()}
    import_document(owner=mallory, data=copy.deepcopy(document))
    assert set(Interview.objects.filter(owner=mallory).values_list("cancelled_at", flat=True)) == {NOW}
    for row in document["interviews"]:
        del row["cancelled_at"]  # as written before the field existed
    ana = make_user("ana")
    import_document(owner=ana, data=document)
    assert set(Interview.objects.filter(owner=ana).values_list("cancelled_at", flat=True)) == {None}


def test_importing_twice_creates_nothing_twice(dana, mallory):
    from clinch.followups.models import FollowUp
    from clinch.transfer.importer import import_document

    build_world(dana)
    document = export_of(dana)
    first = import_document(owner=mallory, data=copy.deepcopy(document))
    again = import_document(owner=mallory, data=copy.deepcopy(document))
    assert sum(first.created.values()) > 0 and sum(again.created.values()) == 0
    assert FollowUp.objects.filter(owner=mallory).count() == FollowUp.objects.filter(owner=dana).count()


def test_a_company_or_an_object_twice_in_one_document_is_made_once(dana, mallory):
    from clinch.interviews.models import Article, Company
    from clinch.transfer.importer import import_document

    build_world(dana)
    document = export_of(dana)
    document["companies"].append({**document["companies"][0], "id": "00000000-0000-4000-8000-000000000001"})
    document["articles"].append(dict(document["articles"][0]))
    report = import_document(owner=mallory, data=document)
    assert report.created["companies"] == 1 and report.already["companies"] == 1
    assert report.created["articles"] == 1 and report.already["articles"] == 1
    assert Company.objects.filter(owner=mallory).count() == 1 and Article.objects.filter(owner=mallory).count() == 1


def test_importing_again_reads_what_was_made_before_once_per_section(dana, mallory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clinch.transfer.fields import SECTIONS
    from clinch.transfer.importer import import_document

    build_world(dana)
    document = export_of(dana)
    import_document(owner=mallory, data=copy.deepcopy(document))
    with CaptureQueriesContext(connection) as small:
        import_document(owner=mallory, data=copy.deepcopy(document))
    for n in range(5):
        build_world(dana, company=f"Company {n}", person=f"Person {n}", email=f"p{n}@c{n}.example")
    bigger = export_of(dana)
    import_document(owner=mallory, data=copy.deepcopy(bigger))
    with CaptureQueriesContext(connection) as large:
        report = import_document(owner=mallory, data=copy.deepcopy(bigger))
    assert sum(report.created.values()) == 0 and sum(report.already.values()) >= 6 * len(SECTIONS)
    assert len(large) == len(small)


def test_nothing_waiting_to_be_sent_is_sent_twice_after_an_import(dana, mallory):
    from clinch.followups.models import FollowUp
    from clinch.mail.models import Message
    from clinch.transfer.importer import import_document

    world = build_world(dana)
    FollowUp.objects.filter(pk=world["followups"].pk).update(status="scheduled")
    Message.objects.filter(pk=world["messages"].pk).update(state="scheduled", sent_at=None)
    import_document(owner=mallory, data=export_of(dana))
    assert not FollowUp.objects.filter(owner=mallory, status="scheduled").exists()
    assert list(Message.objects.filter(owner=mallory).values_list("state", flat=True)) == ["cancelled"]


@pytest.mark.parametrize("version, says", [(2, "newer Clinch"), (0, "older than any")])
def test_other_versions_are_refused_with_a_clear_message(dana, mallory, version, says):
    from clinch.transfer.importer import ImportRefused, import_document

    build_world(dana)
    document = export_of(dana) | {"version": version}
    with pytest.raises(ImportRefused, match=says):
        import_document(owner=mallory, data=document)


def test_a_broken_document_imports_nothing_and_says_where(dana, mallory):
    from clinch.interviews.models import Company
    from clinch.transfer.importer import ImportRefused, import_document

    build_world(dana)
    document = export_of(dana)
    document["interviews"][0]["format"] = "hologram"
    document["contacts"][0]["surprise"] = 1
    with pytest.raises(ImportRefused) as refused:
        import_document(owner=mallory, data=document)
    paths = [path for path, _ in refused.value.problems]
    assert "/interviews/0/format" in paths and "/contacts/0" in paths
    assert not Company.objects.filter(owner=mallory).exists()


def test_a_dangling_reference_imports_nothing(dana, mallory):
    from clinch.interviews.models import Company
    from clinch.transfer.importer import ImportRefused, import_document

    build_world(dana)
    document = export_of(dana)
    document["followups"][0]["contact"] = "7d0e0a4e-8c3c-4f39-9b38-2a8d7a3f0d11"
    with pytest.raises(ImportRefused) as refused:
        import_document(owner=mallory, data=document)
    assert refused.value.problems[0][0] == "/followups/0/contact"
    assert not Company.objects.filter(owner=mallory).exists()


def test_a_row_the_models_refuse_rolls_back_the_whole_import(dana, mallory):
    from clinch.interviews.models import Company
    from clinch.transfer.importer import ImportRefused, import_document

    build_world(dana)
    document = export_of(dana)
    document["contacts"][0]["email"] = "not an address"
    with pytest.raises(ImportRefused) as refused:
        import_document(owner=mallory, data=document)
    assert refused.value.problems[0][0] == "/contacts/0/email"
    assert not Company.objects.filter(owner=mallory).exists()


@pytest.mark.parametrize("raw, says", [(b"{not json", "not JSON"), (b'{"format": "other"}', "not a Clinch export")])
def test_what_is_not_an_export_is_refused(raw, says):
    from clinch.transfer.importer import ImportRefused, parse

    with pytest.raises(ImportRefused, match=says):
        parse(raw)


def test_csv_of_interviews_and_followups(dana):
    from clinch.transfer.tables import followups_csv, interviews_csv

    world = build_world(dana)
    interviews = list(csv.DictReader(io.StringIO("".join(interviews_csv(dana)))))
    assert [(r["company"], r["people"]) for r in interviews] == [("Larkspur Analytics", "Rosa Quiñones")]
    followups = list(csv.DictReader(io.StringIO("".join(followups_csv(dana)))))
    assert followups[0]["id"] == str(world["followups"].public_id) and followups[0]["to_email"] == "rquinones@larkspur.example"


def test_a_csv_cell_never_runs_as_a_formula(dana):
    from clinch.interviews.models import Interview
    from clinch.transfer.tables import interviews_csv

    build_world(dana)
    Interview.objects.filter(owner=dana).update(notes="=HYPERLINK(\"http://evil\")")
    row = next(csv.DictReader(io.StringIO("".join(interviews_csv(dana)))))
    assert row["notes"].startswith("'=")


def test_the_commands_export_and_import(dana, mallory, tmp_path, capsys):
    from clinch.cli import main
    from clinch.interviews.models import Interview

    build_world(dana)
    target = tmp_path / "dana.json"
    assert main(["export", str(target), "--user", "dana"]) == 0
    assert main(["import", str(target), "--user", "mallory"]) == 0
    assert "Imported" in capsys.readouterr().out
    assert Interview.objects.filter(owner=mallory).count() == 1
    assert main(["import", str(target), "--user", "mallory"]) == 0
    assert "nothing new" in capsys.readouterr().out
    target.write_text('{"format": "clinch-export", "version": 9}')
    assert main(["import", str(target), "--user", "mallory"]) == 1
    assert "newer Clinch" in capsys.readouterr().err


def test_the_settings_page_downloads_and_imports(client, dana, mallory):
    from clinch.interviews.models import Interview

    build_world(dana)
    client.force_login(dana)
    download = client.get("/settings/data/json/")
    assert download["Content-Disposition"].startswith("attachment")
    document = b"".join(download.streaming_content)
    assert json.loads(document)["format"] == "clinch-export"
    assert "rquinones@larkspur.example" in b"".join(client.get("/settings/data/followups/").streaming_content).decode()
    client.force_login(mallory)
    upload = io.BytesIO(document)
    upload.name = "dana.json"
    page = client.post("/settings/data/", {"document": upload}, follow=True)
    assert "Imported" in page.content.decode()
    assert Interview.objects.filter(owner=mallory).count() == 1


def test_the_settings_page_names_what_is_wrong_and_imports_nothing(client, mallory):
    from clinch.interviews.models import Company

    client.force_login(mallory)
    upload = io.BytesIO(b'{"format": "clinch-export", "version": 1, "companies": [{"id": 3}]}')
    upload.name = "bad.json"
    page = client.post("/settings/data/", {"document": upload})
    assert page.status_code == 422 and "does not match its schema" in page.content.decode()
    assert not Company.objects.filter(owner=mallory).exists()
