"""An archive's issues checked against each other, paper by paper
(typeset.batch.consistency): each rule on a run of masthead facts."""

from __future__ import annotations

import datetime as dt

from typeset import calendar
from typeset.batch.consistency import check_archive, weekdays_of
from typeset.paper import load_paper


def issue(name: str, date: str, number: int | None, total: int | None, **more) -> dict:
    d = dt.date.fromisoformat(date)
    facts = {"file": name, "line": 3, "paper": "某报", "date": date, "date_line": 5,
             "issue": number, "issue_line": 5, "total": total, "total_line": 6,
             "printed_weekday": calendar.weekday_name(d), "weekday_line": 5,
             "lunar": calendar.lunar_date(d).masthead(), "lunar_line": 6,
             "frequency": None, "paper_file": None}
    return facts | more


def no_paper_file(facts):
    return None, ()


def rules(findings) -> list[str]:
    return [d.rule for d in findings]


WEEKLY = [issue("a.txt", "2024-04-01", 6, 274), issue("b.txt", "2024-04-08", 7, 275),
          issue("c.txt", "2024-04-15", 8, 276)]


def test_a_consistent_run_has_no_finding():
    assert check_archive(WEEKLY, no_paper_file) == []


def test_a_missing_issue_is_named_as_a_gap_at_the_next_issues_total_line():
    run = [WEEKLY[0], WEEKLY[2]]
    [finding] = check_archive(run, no_paper_file)
    assert (finding.rule, finding.file, finding.line) == ("batch.gap", "c.txt", 6)
    assert "总第275期 missing between a.txt" in finding.message


def test_two_missing_issues_are_named_as_a_range():
    run = [WEEKLY[0], issue("d.txt", "2024-04-22", 9, 277)]
    assert "总第275–276期 missing" in check_archive(run, no_paper_file)[0].message


def test_an_issue_twice_is_a_duplicate():
    assert rules(check_archive([WEEKLY[0], WEEKLY[0] | {"file": "a2.txt"}], no_paper_file)) \
        == ["batch.duplicate"]


def test_an_issue_number_that_does_not_follow_is_named_at_its_line():
    run = [WEEKLY[0], WEEKLY[1] | {"issue": 9}]
    [finding] = check_archive(run, no_paper_file)
    assert (finding.rule, finding.line) == ("batch.issue", 5)
    assert "expected 第7期" in finding.message


def test_a_total_number_that_does_not_follow_while_the_issue_number_does_is_named():
    run = [WEEKLY[0], WEEKLY[1] | {"total": 280}]
    [finding] = check_archive(run, no_paper_file)
    assert finding.rule == "batch.total" and "expected 总第275期" in finding.message


def test_dates_must_go_up():
    run = [WEEKLY[1], WEEKLY[0] | {"issue": 8, "total": 276}]
    assert rules(check_archive(run, no_paper_file)) == ["batch.date"]


def test_a_wrong_printed_weekday_is_named_at_its_line():
    [finding] = check_archive([WEEKLY[0] | {"printed_weekday": "星期三"}], no_paper_file)
    assert (finding.rule, finding.line) == ("batch.weekday", 5)
    assert "2024-04-01 is a 星期一" in finding.message


def test_a_wrong_printed_lunar_date_is_named():
    [finding] = check_archive([WEEKLY[0] | {"lunar": "甲辰年二月廿四"}], no_paper_file)
    assert finding.rule == "batch.lunar" and "甲辰年二月廿三" in finding.message


def test_the_frequency_line_gives_the_publication_weekdays():
    assert weekdays_of("每周二、五出版") == (1, 4)
    assert weekdays_of("每逢星期四出版") == (3,)
    assert weekdays_of("每日出版") == tuple(range(7))
    assert weekdays_of("今日8版") == ()


def test_an_issue_on_a_day_the_paper_does_not_come_out_is_named():
    run = [f | {"frequency": "每周二出版"} for f in WEEKLY[:1]]
    [finding] = check_archive(run, no_paper_file)
    assert finding.rule == "batch.schedule" and "星期一" in finding.message


def test_a_run_that_restarts_at_issue_1_in_a_new_year_restarts_yearly():
    run = [issue("a.txt", "2024-12-30", 52, 300), issue("b.txt", "2025-01-06", 1, 301),
           issue("c.txt", "2025-01-13", 2, 302)]
    assert check_archive(run, no_paper_file) == []


def test_a_paper_that_never_restarts_counts_on_over_the_new_year():
    run = [issue("a.txt", "2024-12-30", 52, 300), issue("b.txt", "2025-01-06", 1, 301)]
    [finding] = check_archive(run, lambda facts: ("never", ()))
    assert finding.rule == "batch.issue" and "expected 第53期" in finding.message


def test_papers_are_checked_apart():
    other = issue("x.txt", "2024-04-02", 100, 5000) | {"paper": "另一报"}
    assert check_archive([WEEKLY[0], other, WEEKLY[1]], no_paper_file) == []


def test_a_paper_file_may_say_how_its_issues_are_numbered(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: 某报\nnumbering:\n  restart: yearly\n  weekdays: [星期五, 星期二]\n",
                    encoding="utf-8")
    paper = load_paper(path)
    assert (paper.restart, paper.weekdays) == ("yearly", (1, 4))


def test_a_paper_file_without_numbering_says_nothing_of_it(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: 某报\n", encoding="utf-8")
    assert (load_paper(path).restart, load_paper(path).weekdays) == (None, ())
