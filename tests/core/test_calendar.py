"""Business days, holidays and wall-clock slots, across weekends, holidays and DST."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from clinch.core import calendar as cal
from tests.core.conftest import t

NY = cal.zone("America/New_York")


def test_business_days_skip_weekends_and_public_holidays():
    # Thursday 2026-11-26 is Thanksgiving.
    assert cal.add_business_days(date(2026, 11, 25), 1, "US") == date(2026, 11, 27)
    assert cal.add_business_days(date(2026, 11, 27), 1, "US") == date(2026, 11, 30)
    assert cal.add_business_days(date(2026, 11, 27), 0, "US") == date(2026, 11, 27)


def test_holidays_are_per_country():
    assert cal.is_holiday(date(2026, 11, 26), "US")
    assert not cal.is_holiday(date(2026, 11, 26), "GB")
    assert cal.is_holiday(date(2026, 12, 28), "GB")  # Boxing Day observed
    assert not cal.is_business_day(date(2026, 12, 28), "GB")


def test_business_days_between_counts_only_working_days():
    # (Wed 25 Nov, Wed 2 Dec]: Thanksgiving and a weekend fall in between.
    assert cal.business_days_between(date(2026, 11, 25), date(2026, 12, 2), "US") == 4


def test_business_days_run_across_the_year_end():
    assert cal.add_business_days(date(2026, 12, 30), 2, "US") == date(2027, 1, 4)


def test_the_first_day_back_after_a_holiday_is_known():
    assert cal.is_first_day_back(date(2026, 5, 26), "US")  # after Memorial Day
    assert cal.is_first_day_back(date(2026, 7, 6), "US")  # after Friday 3 July (observed)
    assert not cal.is_first_day_back(date(2026, 5, 27), "US")


def test_an_unknown_country_is_refused():
    with pytest.raises(cal.UnknownCountry):
        cal.check_country("XX")


def test_an_unknown_zone_is_refused():
    with pytest.raises(ValueError, match="unknown time zone"):
        cal.zone("Mars/Base")


def test_a_wall_time_skipped_by_spring_forward_moves_forward():
    moment = cal.at(date(2026, 3, 8), time(2, 30), NY)
    assert moment.isoformat() == "2026-03-08T03:30:00-04:00"


def test_an_ambiguous_wall_time_takes_its_first_occurrence():
    moment = cal.at(date(2026, 11, 1), time(1, 30), NY)
    assert moment.isoformat() == "2026-11-01T01:30:00-04:00"


def test_a_slot_keeps_its_wall_time_across_a_dst_change():
    # Saturday before the spring change: the next business morning is Monday 09:00 EDT.
    slot = cal.first_slot(t("2026-03-07T18:00:00-05:00"), t("2026-03-12T00:00:00-04:00"), NY,
                          time(9), time(17), lambda d: cal.is_business_day(d, "US"))
    assert slot.isoformat() == "2026-03-09T09:00:00-04:00"


def test_a_slot_is_rounded_up_to_five_minutes_and_never_before_the_earliest():
    slot = cal.first_slot(t("2026-03-03T10:31:10-05:00"), t("2026-03-03T17:00:00-05:00"), NY, time(9), time(17))
    assert slot.isoformat() == "2026-03-03T10:35:00-05:00"


def test_there_is_no_slot_when_the_window_holds_no_business_hours():
    assert cal.first_slot(t("2026-03-03T18:00:00-05:00"), t("2026-03-04T08:00:00-05:00"), NY, time(9), time(17)) is None


def test_months_are_added_by_calendar():
    assert cal.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert cal.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert cal.add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)  # a leap year's February
    assert cal.add_months(date(2026, 10, 31), 2) == date(2026, 12, 31)  # December keeps its 31st
    assert cal.add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_every_month_has_its_own_length():
    assert [cal.days_in_month(2026, month) for month in range(1, 13)] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert cal.days_in_month(2028, 2) == 29 and cal.days_in_month(2100, 2) == 28


def test_a_moment_is_rounded_up_to_whole_minutes_on_the_time_line():
    assert cal.ceil_minutes(t("2026-03-03T09:41:10-05:00")).isoformat() == "2026-03-03T09:45:00-05:00"
    assert cal.ceil_minutes(t("2026-03-03T09:45:00.250000-05:00")).isoformat() == "2026-03-03T09:50:00-05:00"
    assert cal.ceil_minutes(t("2026-03-03T09:45:00-05:00")).isoformat() == "2026-03-03T09:45:00-05:00"
    assert cal.ceil_minutes(t("2026-03-03T09:41:00+05:30")).isoformat() == "2026-03-03T09:45:00+05:30"
    assert cal.ceil_minutes(t("2026-03-03T09:41:00-05:00"), step=15).isoformat() == "2026-03-03T09:45:00-05:00"
    assert cal.ceil_minutes(t("2026-03-03T09:46:00-05:00"), step=15).isoformat() == "2026-03-03T10:00:00-05:00"


def test_zone_abbreviations_fall_back_to_the_offset():
    assert cal.zone_abbreviation(t("2026-07-01T09:00:00-04:00").astimezone(NY)) == "EDT"
    assert cal.zone_abbreviation(t("2026-07-01T09:00:00+05:30").astimezone(cal.zone("Asia/Kolkata"))) == "IST"
    assert cal.zone_abbreviation(t("2026-07-01T09:00:00+04:00").astimezone(cal.zone("Asia/Dubai"))) == "+0400"
    assert cal.zone_abbreviation(t("2026-07-01T09:00:00-03:00").astimezone(cal.zone("America/Sao_Paulo"))) == "-0300"
    assert cal.zone_abbreviation(datetime(2026, 7, 1, 9, tzinfo=timezone(timedelta(0), "Z"))) == "Z"
    assert cal.zone_abbreviation(datetime(2026, 7, 1, 9)) == ""  # no zone, nothing to show


def test_the_shipped_country_list_matches_the_installed_holidays_package():
    from holidays.registry import COUNTRIES

    installed = {code for _class, *codes in COUNTRIES.values() for code in codes}
    assert cal.known_countries() == installed


def test_a_region_adds_its_own_holidays_to_the_nations():
    assert cal.check_country("gb-eng") == "GB-ENG"
    assert cal.is_holiday(date(2026, 4, 6), "GB-ENG") and not cal.is_holiday(date(2026, 4, 6), "GB-SCT")  # Easter Monday
    assert cal.is_holiday(date(2026, 8, 31), "GB-ENG")  # the summer bank holiday, not Scotland's
    assert cal.add_business_days(date(2026, 4, 2), 1, "GB-ENG") == date(2026, 4, 7)


def test_a_region_the_package_names_in_words_is_read_in_any_case():
    # Belgium's regions are "Flemish", "French" and "German" (their own days are outside the public category).
    assert cal.check_country("BE-French") == "BE-FRENCH"
    assert cal.is_holiday(date(2026, 7, 21), "BE-FRENCH")
    assert not cal.is_business_day(date(2026, 7, 21), "BE-FRENCH")


def test_a_country_alone_keeps_the_holidays_of_the_region_most_people_live_in():
    assert cal.default_regions()["GB"] == "ENG"  # the policy says so (status_check.holiday_regions)
    assert cal.is_holiday(date(2026, 8, 31), "GB") and not cal.is_holiday(date(2026, 8, 3), "GB")  # not Scotland's
    assert cal.add_business_days(date(2026, 8, 27), 2, "GB") == date(2026, 9, 1)
    assert cal.is_holiday(date(2026, 6, 4), "DE")  # Corpus Christi, kept in North Rhine-Westphalia
    assert cal.is_holiday(date(2026, 5, 18), "CA")  # Victoria Day, kept in Ontario
    assert cal.holidays_in("GB-SCT", 2026) != cal.holidays_in("GB", 2026)
    assert not cal.is_holiday(date(2026, 3, 31), "US")  # no state's holidays: the federal calendar


def test_a_region_may_be_given_by_its_name():
    assert cal.check_country("DE-Bayern") == "DE-BY"
    assert cal.check_country("AT-Wien") == "AT-9"
    assert cal.check_country("gb-england") == "GB-ENG"


def test_an_unknown_region_is_refused_with_examples():
    with pytest.raises(cal.UnknownCountry, match="GB-ENG"):
        cal.check_country("GB-XYZ")


def test_a_holiday_table_is_kept_between_runs_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    from clinch.core import calendar as cal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cal._holiday_table.cache_clear()
    built = cal._holiday_table("US", 2031)
    kept = list((tmp_path / "clinch").glob("holidays-US-2031-*.json"))
    assert len(kept) == 1 and date(2031, 7, 4) in built

    def not_again(country, year):
        raise AssertionError("built again although kept")

    monkeypatch.setattr(cal, "_build_holiday_table", not_again)
    cal._holiday_table.cache_clear()
    assert cal._holiday_table("US", 2031) == built  # read back, the package left alone

    kept[0].write_text("{damaged")
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cal._holiday_table.cache_clear()
    assert cal._holiday_table("US", 2031) == built
    assert kept[0].read_text().startswith('{"2031-')
    cal._holiday_table.cache_clear()


@pytest.mark.parametrize(("country", "day", "name"), [
    ("DE", date(2026, 12, 25), "Christmas Day"),  # the package's own default is German
    ("JP", date(2026, 1, 12), "Coming of Age Day"),  # and Japanese here
    ("FR", date(2026, 7, 14), "National Day"),
])
def test_holidays_are_named_in_english_whatever_the_countrys_language(tmp_path, monkeypatch, country, day, name):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # built here, not read from a kept table
    cal._holiday_table.cache_clear()
    cal.holiday_names.cache_clear()
    try:
        assert dict(cal.holiday_names(country, 2026))[day] == name
    finally:
        cal._holiday_table.cache_clear()
        cal.holiday_names.cache_clear()
