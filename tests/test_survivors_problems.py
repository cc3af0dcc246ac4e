"""The first few problems that a command other than `validate` shows (render/problems.brief),
on problems written out by hand in fictional files."""

from jjj_cli.catalogue import Problem
from jjj_cli.render.problems import brief


def problems(count: int, file: str = "fictional.toml") -> list[Problem]:
    return [
        Problem(file, number, None, None, f"fictional problem {number}")
        for number in range(1, count + 1)
    ]


FIVE = [f"fictional.toml:{number}: fictional problem {number}" for number in range(1, 6)]


def test_five_problems_are_all_shown_and_nothing_more():
    assert brief(problems(5), "catalogue.toml").splitlines() == FIVE


def test_past_five_the_rest_are_counted_and_validate_named_for_them():
    assert brief(problems(7), "catalogue.toml").splitlines() == [
        *FIVE,
        "… and 2 more; run `jjj validate catalogue.toml` for all",
    ]


def test_the_problems_of_a_change_refused_are_counted_without_naming_validate():
    # validate would show the files as they are, not the change that was refused
    assert brief(problems(7), "catalogue.toml", on_disk=False).splitlines() == [
        *FIVE,
        "… and 2 more",
    ]


def test_without_an_entry_file_validate_is_named_with_the_file_of_the_first_problem():
    found = [*problems(1, "first.toml"), *problems(5, "second file.toml")]
    assert brief(found).splitlines()[-1] == "… and 1 more; run `jjj validate first.toml` for all"
