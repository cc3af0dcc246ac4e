"""The pictures as a person sees them, drawn by Chromium with the fonts it finds, inside a page
as a site would show them: every text inside the picture, a label inside its box and clear of
the others (the widths jjj estimates, checked against the widths drawn), and a hostile
catalogue's picture running nothing.

A screenshot of each page is left in the test's temporary directory."""

import pytest

from .browser import browser, page  # noqa: F401 (the fixtures)
from .invoke import jjj
from .paths import SHIPPED
from .test_svg import SCRIPT, hostile  # noqa: F401 (the fixture)

# Where Chromium drew each text (a rotated one, the box around it), and the box of the shape
# it is written on, if it is in a group with one (a cell, a node, a box beside a region).
MEASURE = """() => {
  const box = e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const svg = document.querySelector('svg');
  return {
    size: [svg.width.baseVal.value, svg.height.baseVal.value],
    shapes: [...document.querySelectorAll('rect, path')].map(box),
    texts: [...document.querySelectorAll('text')].map(t => ({
      text: t.textContent,
      rotated: t.hasAttribute('transform'),
      box: box(t),
      on: t.parentElement.tagName === 'g' ? box(t.parentElement.querySelector('rect')) : null,
    })),
  };
}"""
SLACK = 0.5  # of a pixel: what rounding may add


def drawn(page, path, svg: str) -> dict:  # noqa: F811 (the fixture)
    """The picture in a page of its own, at its own size at the page's top left, measured."""
    page_text = f'<!DOCTYPE html><meta charset="utf-8"><body style="margin:0">{svg}</body>'
    path.write_text(page_text, encoding="utf-8")
    page.goto(path.as_uri())
    page.screenshot(path=path.with_suffix(".png"), full_page=True)
    return page.evaluate(MEASURE)


def inside(inner, outer) -> bool:
    left, top, right, bottom = outer
    return (
        inner[0] >= left - SLACK
        and inner[1] >= top - SLACK
        and inner[2] <= right + SLACK
        and inner[3] <= bottom + SLACK
    )


def apart(one, other) -> bool:
    return (
        one[2] <= other[0] + SLACK
        or other[2] <= one[0] + SLACK
        or one[3] <= other[1] + SLACK
        or other[3] <= one[1] + SLACK
    )


@pytest.mark.parametrize(
    "args",
    [
        ["matrix"],
        ["matrix", "--lang", "zh"],
        ["matrix", "--rows", "region"],
        ["matrix", "--rows", "region", "--lang", "zh"],
        ["matrix", "--rows", "theme", "--cols", "expert", "--kind", "all"],
        ["matrix", "--theme", "clusters"],  # one column: the legend is wider than the table
        ["matrix", "--expert", "cong-yi", "--theme", "free-trade"],  # one row, one column
        ["graph"],
        ["graph", "--lang", "en"],
        ["graph", "--lang", "zh"],
        ["graph", "--expert", "ye-tanglin", "--kind", "all"],
        ["graph", "--region", "xiongan", "--lang", "zh"],
    ],
)
def test_every_label_is_inside_the_picture_and_its_box_and_clear_of_the_others(
    page,  # noqa: F811 (the fixture)
    tmp_path,
    args,
):
    result = jjj(*args, "--format", "svg", catalogue=SHIPPED)
    assert result.exit_code == 0, result.output
    measured = drawn(page, tmp_path / "picture.html", result.stdout)
    width, height = measured["size"]
    texts = measured["texts"]
    assert texts
    for shape in measured["shapes"]:  # every cell, node, box, curve and legend mark
        assert inside(shape, [0, 0, width, height]), shape
    for text in texts:
        assert inside(text["box"], [0, 0, width, height]), text
        if text["on"] is not None:
            assert inside(text["box"], text["on"]), text
    upright = [text for text in texts if not text["rotated"]]
    for index, one in enumerate(upright):
        for other in upright[index + 1 :]:
            assert apart(one["box"], other["box"]), (one, other)


def test_a_hostile_catalogues_picture_runs_nothing(page, tmp_path, hostile):  # noqa: F811
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for command in ("matrix", "graph"):
        result = jjj(command, "--format", "svg", "--kind", "all", catalogue=hostile)
        assert result.exit_code == 0, result.output
        measured = drawn(page, tmp_path / f"{command}.html", result.stdout)
        assert page.evaluate("() => document.querySelectorAll('script, img, image').length") == 0
        assert any(SCRIPT in text["text"] for text in measured["texts"])
    assert dialogs == []
