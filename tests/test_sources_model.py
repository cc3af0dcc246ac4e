"""A catalogue of several sources in several files: includes, appearances, where problems are,
quotes placed in their own source, the 0.1 layout, the overlay and the cache.

The texts and speakers here are fictional, written for these tests.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from jjj_cli.cache import load_cached
from jjj_cli.catalogue import CatalogueError, load_catalogue
from jjj_cli.catalogue.load import catalogue_files

from .invoke import jjj, ok_json
from .paths import DATA, MINI

# Two fictional texts. The same sentence stands in both: quoted once in each, it is two claims.
FORUM = "（虚构文本，仅供测试）\n甲教授：京津冀要共建创新平台。交通一体化是基础。\n"
INTERVIEW = (
    "（虚构文本，仅供测试）\n甲教授：雄安新区应当吸引高校。\n乙研究员：京津冀要共建创新平台。\n"
)

ENTRY = """\
# A fictional catalogue for the tests.
include = ["sources/*.toml"]

[[experts]]
id = "jia"
name = "Professor Jia"
name_zh = "甲教授"
affiliation = "A fictional university"
affiliation_zh = "虚构大学"

[[experts]]
id = "yi"
name = "Researcher Yi"
name_zh = "乙研究员"
affiliation = "A fictional institute"
affiliation_zh = "虚构研究所"

[[themes]]
id = "innovation"
name = "Innovation"
name_zh = "创新"
definition = "Fictional."

[[regions]]
id = "jingjinji"
name = "Beijing–Tianjin–Hebei"
name_zh = "京津冀"
level = "region"
"""


def source_file(id: str, text: str, extra: str = "") -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"""\
[[sources]]
id = "{id}"
title = "虚构{id}"
title_en = "Fictional {id}"
file = "{id}.zh.txt"
sha256 = "{digest}"
language = "zh"
{extra}"""


def item(id: str, expert: str, seq: int, quote: str, source: str) -> str:
    return f"""
[[proposals]]
id = "{id}"
kind = "proposal"
expert = "{expert}"
seq = {seq}
title = "t"
title_zh = "t"
summary = "s"
summary_zh = "s"
themes = ["innovation"]
regions = ["jingjinji"]
quote = "{quote}"
source = "{source}"
"""


FORUM_TOML = (
    source_file("forum", FORUM, 'kind = "roundtable"\n')
    + """
[[appearances]]
expert = "jia"
source = "forum"
headline = "Build platforms together"
headline_zh = "共建平台"
"""
    + item("jia-platforms", "jia", 1, "京津冀要共建创新平台。", "forum")
    + item("jia-transport", "jia", 2, "交通一体化是基础。", "forum")
)
INTERVIEW_TOML = (
    source_file("interview", INTERVIEW, 'kind = "interview"\ndate = 2021-03-05\n')
    + item("jia-universities", "jia", 1, "雄安新区应当吸引高校。", "interview")
    + item("yi-platforms", "yi", 2, "京津冀要共建创新平台。", "interview")
)


def write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return directory / "catalogue.toml"


@pytest.fixture
def two_sources(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        {
            "catalogue.toml": ENTRY,
            "sources/forum.toml": FORUM_TOML,
            "sources/forum.zh.txt": FORUM,
            "sources/interview.toml": INTERVIEW_TOML,
            "sources/interview.zh.txt": INTERVIEW,
        },
    )


def problems(path: Path, **options) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path, **options)
    return [str(problem) for problem in raised.value.problems]


def test_the_files_of_a_catalogue_are_read_as_one(two_sources):
    catalogue = load_catalogue(two_sources)
    base = two_sources.parent
    assert catalogue.files == (
        two_sources,
        base / "sources" / "forum.toml",
        base / "sources" / "interview.toml",
    )
    assert catalogue_files(two_sources) == list(catalogue.files)
    assert [source.id for source in catalogue.sources] == ["forum", "interview"]
    assert [(source.kind, source.date) for source in catalogue.sources] == [
        ("roundtable", None),
        ("interview", date(2021, 3, 5)),
    ]
    # items by source, then seq within it
    assert [(item.source, item.seq, item.id) for item in catalogue.items] == [
        ("forum", 1, "jia-platforms"),
        ("forum", 2, "jia-transport"),
        ("interview", 1, "jia-universities"),
        ("interview", 2, "yi-platforms"),
    ]
    assert catalogue.texts == {"forum": FORUM, "interview": INTERVIEW}
    assert catalogue.shown_file(catalogue.sources[1]) == "sources/interview.zh.txt"


def test_an_expert_appears_in_each_source_they_speak_in(two_sources):
    catalogue = load_catalogue(two_sources)
    jia = catalogue.appearing["jia"]
    assert [(each.source, each.headline_zh) for each in jia] == [
        ("forum", "共建平台"),
        ("interview", None),  # items there, and no appearance record: nothing more is known
    ]
    assert [each.source for each in catalogue.appearing["yi"]] == ["interview"]


def test_the_same_words_in_two_sources_are_two_claims(two_sources):
    catalogue = load_catalogue(two_sources)
    checks = catalogue.quotes
    # each placed in its own source's text (layout removed: no line breaks)
    assert checks["jia-platforms"].source == "forum"
    assert checks["yi-platforms"].source == "interview"
    forum, interview = "".join(FORUM.split()), "".join(INTERVIEW.split())
    start = forum.index("京津冀要共建创新平台。")
    assert checks["jia-platforms"].span == (start, start + 11)
    start = interview.index("京津冀要共建创新平台。")
    assert checks["yi-platforms"].span == (start, start + 11)


def test_a_quote_must_be_in_its_own_source(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    path = two_sources.parent / "sources" / "interview.toml"
    # the forum's words, claimed for the interview
    path.write_text(
        INTERVIEW_TOML.replace("雄安新区应当吸引高校。", "交通一体化是基础。"), encoding="utf-8"
    )
    assert problems(two_sources) == [
        "sources/interview.toml:22: proposals[0] 'jia-universities' field 'quote': not found in "
        "sources/interview.zh.txt: '交通一体化是基础。'"
    ]


def test_a_problem_names_the_included_file_and_its_line(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    path = two_sources.parent / "sources" / "forum.toml"
    path.write_text(FORUM_TOML.replace('expert = "jia"\nseq = 2', 'expert = "jai"\nseq = 2'))
    assert problems(two_sources) == [
        "sources/forum.toml:33: proposals[1] 'jia-transport' field 'expert': unknown expert "
        "'jai' (did you mean 'jia'?)"
    ]


def test_ids_are_unique_across_files(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    path = two_sources.parent / "sources" / "interview.toml"
    path.write_text(INTERVIEW_TOML.replace('id = "yi-platforms"', 'id = "jia-transport"'))
    assert problems(two_sources) == [
        "sources/interview.toml:26: proposals[1] 'jia-transport' field 'id': duplicate id, "
        "already used by proposals[1] 'jia-transport'"
    ]


def test_seq_is_unique_within_a_source_only(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    # seq 1 in both sources is right; twice in one is not
    path = two_sources.parent / "sources" / "interview.toml"
    path.write_text(INTERVIEW_TOML.replace("seq = 2", "seq = 1"))
    assert problems(two_sources) == [
        "sources/interview.toml:29: proposals[1] 'yi-platforms' field 'seq': seq 1 already used "
        "by 'jia-universities' in source 'interview'"
    ]


def test_references_to_sources_and_appearances_are_checked(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    path = two_sources.parent / "sources" / "forum.toml"
    text = FORUM_TOML.replace('创新平台。"\nsource = "forum"', '创新平台。"\nsource = "froum"')
    text += '\n[[appearances]]\nexpert = "jia"\nsource = "forum"\n'
    text += '\n[[appearances]]\nexpert = "yi"\nsource = "interviw"\n'
    path.write_text(text)
    assert problems(two_sources) == [
        "sources/forum.toml:28: proposals[0] 'jia-platforms' field 'source': unknown source "
        "'froum' (did you mean 'forum'?)",
        "sources/forum.toml:46: appearances[1] field 'source': a second appearance of 'jia' in "
        "'forum' (appearances[0])",
        "sources/forum.toml:50: appearances[2] field 'source': unknown source 'interviw' "
        "(did you mean 'interview'?)",
    ]


def test_a_headline_on_an_expert_says_where_it_belongs(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    text = ENTRY.replace(
        'affiliation_zh = "虚构大学"', 'affiliation_zh = "虚构大学"\nheadline = "h"'
    )
    two_sources.write_text(text)
    assert problems(two_sources) == [
        "catalogue.toml:10: experts[0] 'jia' field 'headline': belongs to the expert's "
        "[[appearances]] entry for one source"
    ]


@pytest.mark.parametrize(
    "include, message",
    [
        (
            '["other/*.toml"]',
            "catalogue.toml:2: field 'include': 'other/*.toml' matches no file",
        ),
        (
            '["sources/*.toml", "extra.toml"]',
            "catalogue.toml:2: field 'include': 'extra.toml': no such file (relative to "
            "catalogue.toml)",
        ),
        # the JSON Schema's rule too: a list, even of one
        (
            '"sources/*.toml"',
            "catalogue.toml:2: field 'include': expected a list of paths or globs, as strings",
        ),
        ("3", "catalogue.toml:2: field 'include': expected a list of paths or globs, as strings"),
        (
            '["/elsewhere/*.toml"]',
            "catalogue.toml:2: field 'include': '/elsewhere/*.toml' is no pattern jjj reads: a "
            "pattern is relative to the file that names it",
        ),
        ('["sources/**/*.toml"]', None),  # any depth, this one included
    ],
)
def test_include_problems(two_sources, monkeypatch, include, message):
    monkeypatch.chdir(two_sources.parent)
    two_sources.write_text(ENTRY.replace('["sources/*.toml"]', include))
    if message is None:
        assert len(load_catalogue(two_sources).items) == 4
    else:
        assert message in problems(two_sources)


def test_a_broken_included_file_is_named_and_the_rest_still_checked(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    (two_sources.parent / "sources" / "interview.toml").write_text("[[sources]\n")
    found = problems(two_sources)
    assert found[0] == (
        "sources/interview.toml:1:10: TOML syntax error: Expected ']]' at the end of an array "
        "declaration"
    )
    # the interview's text is read by no source now; everything else still loads and checks
    assert len(found) == 1


def test_a_file_included_twice_or_in_a_cycle_is_read_once(two_sources):
    (two_sources.parent / "sources" / "forum.toml").write_text(
        'include = ["../catalogue.toml", "forum.toml"]\n' + FORUM_TOML
    )
    catalogue = load_catalogue(two_sources)
    assert len(catalogue.files) == 3
    assert len(catalogue.items) == 4


def test_the_0_1_layout_loads_as_a_catalogue_of_one_source():
    legacy = load_catalogue(DATA / "legacy-0.1.toml")
    current = load_catalogue(MINI)  # the same catalogue, written in 0.2's layout by hand
    for table in ("sources", "experts", "appearances", "themes", "regions", "items", "figures"):
        assert getattr(legacy, table) == getattr(current, table), table
    assert legacy.texts == current.texts


def test_the_overlay_is_read_instead_of_the_disk(two_sources):
    base = two_sources.parent
    # a change not yet written: a third file that the glob will match, and an edit
    third = base / "sources" / "third.toml"
    text = "（虚构文本，仅供测试）\n乙研究员：要培育专精特新企业。\n"
    overlay = {
        third: (
            source_file("third", text) + item("yi-firms", "yi", 1, "要培育专精特新企业。", "third")
        ).encode(),
        base / "sources" / "third.zh.txt": text.encode(),
        two_sources: ENTRY.replace("Professor Jia", "Prof. Jia").encode(),
    }
    catalogue = load_catalogue(two_sources, overlay=overlay)
    assert [source.id for source in catalogue.sources] == ["forum", "interview", "third"]
    assert catalogue.by_id["jia"].name == "Prof. Jia"
    assert not third.exists()  # nothing written
    assert load_catalogue(two_sources).by_id["jia"].name == "Professor Jia"


def test_a_deep_glob_finds_the_files_a_change_would_add(two_sources):
    base = two_sources.parent
    text = "（虚构文本，仅供测试）\n乙研究员：要培育专精特新企业。\n"
    overlay = {
        two_sources: ENTRY.replace('["sources/*.toml"]', '["sources/**/*.toml"]').encode(),
        base / "sources" / "2024" / "third.toml": (
            source_file("third", text) + item("yi-firms", "yi", 1, "要培育专精特新企业。", "third")
        ).encode(),
        base / "sources" / "2024" / "third.zh.txt": text.encode(),
    }
    catalogue = load_catalogue(two_sources, overlay=overlay)
    # a glob's files in the order of their paths: sources/2024/… before sources/forum.toml
    assert [source.id for source in catalogue.sources] == ["third", "forum", "interview"]


def test_a_source_text_saved_with_a_byte_order_mark(two_sources):
    # an editor's mark before the first character is not part of the text: the first words
    # are found where they start, and the file's bytes and sha256 stay what they are
    path = two_sources.parent / "sources" / "forum.zh.txt"
    raw = b"\xef\xbb\xbf" + FORUM.encode("utf-8")
    path.write_bytes(raw)
    toml = two_sources.parent / "sources" / "forum.toml"
    digest = hashlib.sha256(raw).hexdigest()
    toml.write_text(FORUM_TOML.replace(hashlib.sha256(FORUM.encode()).hexdigest(), digest))
    toml.write_text(
        toml.read_text().replace("京津冀要共建创新平台。", "（虚构文本，仅供测试）", 1),
        encoding="utf-8",
    )
    catalogue = load_catalogue(two_sources)
    assert catalogue.texts["forum"] == FORUM
    assert catalogue.quotes["jia-platforms"].span == (0, 11)


def test_the_overlay_is_validated_like_the_disk(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    overlay = {two_sources: ENTRY.replace('id = "yi"', 'id = "jia"').encode()}
    assert problems(two_sources, overlay=overlay) == [
        "catalogue.toml:12: experts[1] 'jia' field 'id': duplicate id, already used by "
        "experts[0] 'jia'",
        # the items of the expert the change takes away
        "sources/interview.toml:28: proposals[1] 'yi-platforms' field 'expert': unknown expert "
        "'yi'",
    ]


@pytest.mark.parametrize(
    "change",
    ["edit an included file", "edit a source text", "add a file the glob matches"],
)
def test_the_cache_is_keyed_on_every_file_read(two_sources, change):
    assert [item.id for item in load_cached(two_sources).items][-1] == "yi-platforms"
    base = two_sources.parent
    if change == "edit an included file":
        path = base / "sources" / "interview.toml"
        path.write_text(INTERVIEW_TOML.replace('id = "yi-platforms"', 'id = "yi-joint"'))
        assert load_cached(two_sources).items[-1].id == "yi-joint"
    elif change == "edit a source text":
        (base / "sources" / "interview.zh.txt").write_text(INTERVIEW + "\n")
        with pytest.raises(CatalogueError):  # its sha256 no longer matches
            load_cached(two_sources)
    else:
        text = "（虚构文本，仅供测试）\n乙研究员：要培育专精特新企业。\n"
        (base / "sources" / "third.zh.txt").write_text(text)
        (base / "sources" / "third.toml").write_text(
            source_file("third", text) + item("yi-firms", "yi", 1, "要培育专精特新企业。", "third")
        )
        assert load_cached(two_sources).items[-1].id == "yi-firms"


def test_a_cached_catalogue_is_the_loaded_one(two_sources):
    loaded = load_catalogue(two_sources)
    load_cached(two_sources)  # writes the entry
    cached = load_cached(two_sources)  # reads it
    assert cached == loaded
    assert cached.texts == loaded.texts
    assert cached.includes == loaded.includes


def test_json_gives_each_source_and_appearance(two_sources):
    interview = ok_json("show", "interview", catalogue=two_sources)
    assert (interview["kind"], interview["date"], interview["experts"]) == (
        "interview",
        "2021-03-05",
        ["jia", "yi"],
    )
    assert interview["counts"] == {"proposal": 2, "finding": 0}
    jia = ok_json("show", "jia", catalogue=two_sources)
    assert jia["appearances"] == [
        {
            "source": "forum",
            "headline": "Build platforms together",
            "headline_zh": "共建平台",
            "question": None,
            "question_zh": None,
            "note": None,
        },
        {
            "source": "interview",
            "headline": None,
            "headline_zh": None,
            "question": None,
            "question_zh": None,
            "note": None,
        },
    ]
    assert (jia["headline"], jia["question"]) == ("Build platforms together", None)
    items = ok_json("list", catalogue=two_sources)
    assert [(each["id"], each["source"]) for each in items] == [
        ("jia-platforms", "forum"),
        ("jia-transport", "forum"),
        ("jia-universities", "interview"),
        ("yi-platforms", "interview"),
    ]


@pytest.mark.parametrize(
    "saved, old, new",
    [
        ("sources/interview.toml", '"yi-platforms"', '"yi-joint"'),
        ("catalogue.toml", "Researcher Yi", "Researcher Yi Jr."),
    ],
)
def test_a_file_saved_while_jjj_loads_is_not_cached_as_read(
    two_sources, monkeypatch, saved, old, new
):
    """An editor (or another jjj) saves a file after the loader has read it, before the entry is
    written: the entry must not pair the new file with the catalogue built from the old."""
    import jjj_cli.cache as cache

    loaded = cache._load
    path = two_sources.parent / saved

    def load_then_save(entry: Path):
        catalogue = loaded(entry)
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return catalogue

    monkeypatch.setattr(cache, "_load", load_then_save)
    load_cached(two_sources)
    monkeypatch.setattr(cache, "_load", loaded)
    now = load_cached(two_sources)
    assert (now.items[-1].id, now.by_id["yi"].name) == (
        ("yi-joint", "Researcher Yi")
        if saved.startswith("sources")
        else ("yi-platforms", "Researcher Yi Jr.")
    )
    assert load_cached(two_sources) == load_catalogue(two_sources)


def test_two_sources_may_not_share_a_title(two_sources, monkeypatch):
    # `--source TITLE` must find one source: a second with the same title is refused
    monkeypatch.chdir(two_sources.parent)
    path = two_sources.parent / "sources" / "interview.toml"
    path.write_text(INTERVIEW_TOML.replace('title = "虚构interview"', 'title = "虚构forum"'))
    assert problems(two_sources) == [
        "sources/interview.toml:3: sources[0] 'interview' field 'title': title '虚构forum' is "
        "already used by source 'forum'"
    ]


def test_a_report_of_several_files_names_the_entry_to_see_them_again(two_sources, monkeypatch):
    monkeypatch.chdir(two_sources.parent)
    path = two_sources.parent / "sources" / "interview.toml"
    path.write_text(INTERVIEW_TOML.replace('expert = "', 'expert = "x-'), encoding="utf-8")
    result = jjj("validate", catalogue=two_sources)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 problems in catalogue.toml"
    # six problems: another command shows five and says how to see them all
    more = INTERVIEW_TOML.replace('expert = "', 'expert = "x-').replace('source = "', 'source = "x')
    path.write_text(more.replace('"innovation"', '"x"'), encoding="utf-8")
    result = jjj("list", catalogue=two_sources)
    assert result.stderr.splitlines()[-1] == (
        "… and 1 more; run `jjj validate catalogue.toml` for all"
    )
