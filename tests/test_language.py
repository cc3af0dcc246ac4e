"""jjj in Chinese: the language a run chooses, the catalogue of messages, and what a person
reads in a Chinese run (help, tables, notes, errors), with what a script reads unchanged."""

import ast
import gettext
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jjj_cli import language
from jjj_cli.cli import app
from jjj_cli.cli.commands import COMMANDS

from .chinese import PO, catalogue, zh
from .ids import joined
from .invoke import jjj, runner, unstyled, written
from .paths import DATA, MINI, SHIPPED

ROOT = Path(__file__).resolve().parent.parent
MO = PO.with_suffix(".mo")


# --- which language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, environ, expected",
    [
        ([], {}, "en"),
        ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
        ([], {"LANG": "zh_TW.UTF-8"}, "zh"),
        ([], {"LANG": "fr_FR.UTF-8"}, "en"),
        ([], {"LANG": "C.UTF-8"}, "en"),
        # the C library's order: LC_ALL, then LC_MESSAGES, then LANG; an empty one is not set
        ([], {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ([], {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"}, "zh"),
        ([], {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        # $JJJ_LANG over the locale, in any case
        ([], {"JJJ_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),
        ([], {"JJJ_LANG": "EN", "LANG": "zh_CN.UTF-8"}, "en"),
        # the command line over both, before or after the command, either spelling
        (["list", "--lang", "en"], {"JJJ_LANG": "zh"}, "en"),
        (["--lang", "zh", "list"], {"LANG": "en_US.UTF-8"}, "zh"),
        (["list", "--lang=zh"], {}, "zh"),
        (["list", "--lang", "zh", "--lang", "en"], {}, "en"),  # the last one, as Click takes it
        # an invalid --lang is for the option to report; after `--`, a word like any other
        (["list", "--lang", "fr"], {"JJJ_LANG": "zh"}, "zh"),
        (["search", "--", "--lang", "zh"], {}, "en"),
        (["list", "--lang"], {}, "en"),
    ],
)
def test_the_language_of_a_run(args, environ, expected):
    assert language.chosen(args, environ) == expected


def test_a_jjj_lang_of_no_language_of_jjjs_is_refused():
    with pytest.raises(language.UnknownLanguage) as refused:
        language.chosen([], {"JJJ_LANG": "fr"})
    assert "JJJ_LANG='fr'" in str(refused.value) and "en or zh" in str(refused.value)


# --- the catalogue of messages ---------------------------------------------------------------


def _tool():
    """tools/messages.py, the developer's tool that finds the messages of the code."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import messages
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return messages


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^{}]*\}", text))


def test_every_message_of_the_code_has_a_chinese_translation():
    translated = {message.id: message for message in catalogue() if message.id}
    found = _tool().messages()
    assert found, "no messages found in the code"
    missing = [message for message in found if message not in translated]
    assert not missing, f"not in {PO.name}: {missing[:5]}"
    for key in found:
        message = translated[key]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"untranslated: {key!r}"
        singular = key[0] if isinstance(key, tuple) else key
        plural = key[1] if isinstance(key, tuple) else key
        # every value the code fills in has its place in the Chinese (a plural's Chinese may
        # say the number its English singular leaves out)
        assert set(_placeholders(strings[0])) in (
            set(_placeholders(singular)),
            set(_placeholders(plural)),
        ), key


# Messages whose Chinese is the English: symbols and names that are the same in both.
SAME_IN_BOTH = {", ", "#", "; "}


def test_every_translation_is_chinese():
    # a msgstr copied from its msgid passes every other check: it must hold Chinese
    for message in catalogue():
        if not message.id or message.id in SAME_IN_BOTH:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert re.search("[\u4e00-\u9fff]", string) or string in ("SHA-256",), message.id


def test_the_catalogue_holds_no_message_the_code_no_longer_has():
    found = set(_tool().messages())
    assert {message.id for message in catalogue() if message.id} - found == set()


def test_the_compiled_messages_are_the_po_files():
    # read by the standard library's gettext, as jjj reads them, and compared with the .po as
    # Babel reads it
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for message in catalogue():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for count in (1, 2):
                got = compiled.ngettext(message.id[0], message.id[1], count)
                assert got == message.string[0], message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_the_po_and_mo_are_up_to_date_with_the_code():
    checked = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "messages.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


# --- a Chinese run ---------------------------------------------------------------------------

# jjj's own English sentences: every message of several words, as the .po holds them. A Chinese
# run shows none of them (a word alone, such as a field's name, may be an id as well).
_ENGLISH = sorted(
    {
        text
        for message in catalogue()
        if message.id
        for text in (message.id if isinstance(message.id, tuple) else (message.id,))
        if len(re.findall(r"[A-Za-z]{2,}", text)) >= 3
    },
    key=len,
    reverse=True,
)


def _code_english() -> list[str]:
    """Every English text that jjj's code holds, marked for translation
    or not (a message left unmarked has no translation to find it by): each string literal
    but docstrings, and the fixed parts of each f-string, read from the source."""
    found = set()
    for path in (ROOT / "jjj_cli").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docstrings:
                    found.add(node.value)
    return sorted(found)


def _english_of_jjjs_own(shown: str) -> list[str]:
    """The parts of jjj's English that `shown` holds: each message's fixed words (the text
    between its placeholders), and each text of the code's, of three English words or more
    (SQL and markup aside)."""
    flat = " ".join(shown.split())
    found = []
    for message in [*_ENGLISH, *_CODE_ENGLISH]:
        for piece in re.split(r"\{[^{}]*\}", message):
            piece = " ".join(piece.split())
            # words of English prose: letters only, lower case among them (not an id, a file
            # name, a field's name or an acronym)
            words = [
                word
                for word in re.findall(r"(?<!\S)[A-Za-z]+(?=[.,:;!?)'\"]*(?!\S))", piece)
                if len(word) > 1 and not word.isupper()
            ]
            if len(words) >= 2 and not _NOT_PROSE.search(piece) and piece in flat:
                found.append(piece)
    return found


_CODE_ENGLISH = _code_english()
# what is code, not a sentence for a person: SQL, HTML, CSS, a command line (`jjj list --kind
# all`), a format (YYYY-MM-DD)
_NOT_PROSE = re.compile(
    r"\b(SELECT|CREATE|INSERT|WHERE|JOIN|VALUES|PRAGMA)\b|<[a-z/]|[{};=]|^jjj |--|^[^a-z]*$"
)


def _strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for each in value for text in _strings_of(each)]
    return []


def _catalogue_texts() -> list[re.Pattern[str]]:
    """Each text of the shipped catalogue as a pattern that matches it however a table wraps
    it (a line may break between any two characters of Chinese, and at any space)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    texts = {
        text
        for path in (SHIPPED, *sorted((SHIPPED.parent / "sources").glob("*.toml")))
        for text in _strings_of(tomllib.loads(path.read_text(encoding="utf-8")))
        if len(text.split()) > 1
    }
    return [
        re.compile(r"\s*".join(re.escape(c) for c in "".join(text.split())))
        for text in sorted(texts, key=len, reverse=True)
    ]


def _without_the_catalogues_text(shown: str) -> str:
    """What jjj says, the shipped catalogue's own text (its English rules, titles, notes: data,
    written in English on purpose) taken out."""
    for pattern in _CATALOGUE_TEXTS:
        shown = pattern.sub(" □ ", shown)
    return shown


_CATALOGUE_TEXTS = _catalogue_texts()


def _chinese_environment() -> dict[str, str]:
    environ = {key: value for key, value in os.environ.items() if key != "JJJ_LANG"}
    # the locale alone asks for Chinese, as a new user's does
    return {**environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "80"}


def _help_pages() -> list[list[str]]:
    pages = [["--help"]] + [[name, "--help"] for name in COMMANDS]
    return pages + [["add", kind, "--help"] for kind in ("source", "expert", "item")]


def test_every_help_page_is_in_chinese_under_a_chinese_locale():
    environ = _chinese_environment()
    for args in _help_pages():
        shown = subprocess.run(
            [sys.executable, "-m", "jjj_cli", *args],
            capture_output=True,
            text=True,
            env=environ,
            cwd=ROOT,
        )
        assert shown.returncode == 0, (args, shown.stderr)
        assert shown.stderr == ""
        page = unstyled(shown.stdout)
        assert not _english_of_jjjs_own(page), (args, _english_of_jjjs_own(page))
        # Typer's own words too: the usage line and the panels
        assert "用法：" in page and "选项" in page, args
        assert "Usage:" not in page and "Options" not in page, args
        # and nothing cut short for width: rich breaks Chinese between characters
        assert "…" not in page.replace("……", ""), args


def test_the_root_help_names_the_commands_and_exit_codes_in_chinese():
    shown = subprocess.run(
        [sys.executable, "-m", "jjj_cli", "--help"],
        capture_output=True,
        text=True,
        env=_chinese_environment(),
        cwd=ROOT,
    )
    page = " ".join(unstyled(shown.stdout).split())
    # the translations, as written by hand: the summary of `list` and the exit codes
    assert "按来源中的顺序列出条目" in page.replace(" ", "")
    assert "退出码：0 成功" in page


# Every command as a person runs it in Chinese, on a terminal; each prints no sentence of
# jjj's English (a catalogue's own English, such as an expert's note, is data, and may).
CHINESE_RUNS = [
    ["list", "--theme", "clusters"],
    ["list", "--region", "xiongan", "--kind", "all"],
    ["list", "--expert", "nosuch-expert-xyz"],  # an error
    ["show", "ye-tanglin"],
    ["show", "clusters"],
    ["show", "zhao-free-trade-port"],
    ["experts"],
    ["themes"],
    ["themes", "--rules"],
    ["regions"],
    ["regions", "--rules"],
    ["sources"],
    ["figures"],
    ["verify"],
    ["validate"],
    ["matrix"],
    ["matrix", "--rows", "theme", "--cols", "theme"],  # an error
    ["related", "zhao-free-trade-port"],
    ["compare", "cong-yi", "zhao-hong"],
    ["search", "雄安"],
    ["search", "nothing-matches-this"],
    ["source", "zhao-free-trade-port"],
    ["cite", "zhao-free-trade-port"],
    ["cite", "clusters"],  # an error: a theme is cited by its items
    ["graph"],
    ["export", "--format", "sqlite"],  # an error: a database goes to a file
    ["show", "nosuch"],
    ["list", "--bogus"],
    ["list", "--kind", "neither"],
    ["related"],
    ["agree", str(SHIPPED)],  # B: the catalogue of the run
    ["agree", str(MINI), "--facet", "kind"],  # an error: no item in common
]


@pytest.mark.parametrize("args", CHINESE_RUNS, ids=joined)
def test_a_chinese_run_prints_no_english_sentence_of_jjjs_own(args):
    shown = written("--catalogue", str(SHIPPED), *args, "--lang", "zh", width=100)
    assert shown.exit_code in (0, 1, 2), shown.output
    said = _without_the_catalogues_text(unstyled(shown.output))
    assert not _english_of_jjjs_own(said), _english_of_jjjs_own(said)
    assert "Traceback" not in shown.output


def test_a_chinese_usage_error_says_what_is_wrong_in_chinese():
    shown = written("--catalogue", str(SHIPPED), "list", "--kind", "neither", "--lang", "zh")
    assert shown.exit_code == 2
    flat = " ".join(unstyled(shown.stderr).split())
    assert "'--kind' 的值无效：'neither' 不是 'proposal'、'finding'、'all' 之一。" in flat
    missing = written("--catalogue", str(SHIPPED), "related", "--lang", "zh")
    assert missing.exit_code == 2
    assert "缺少参数 'ID'。" in " ".join(unstyled(missing.stderr).split())


def test_an_unknown_id_in_chinese():
    shown = written("--catalogue", str(SHIPPED), "show", "zhaohong", "--lang", "zh")
    assert shown.exit_code == 2
    assert shown.stderr == "错误：未知的编号 'zhaohong'。是不是指：zhao-hong、yizhuang？\n"


def test_the_table_headings_are_chinese_and_the_pipe_is_not():
    table = written("--catalogue", str(SHIPPED), "experts", "--lang", "zh", width=100)
    assert unstyled(table.stdout).split()[:4] == ["编号", "中文名称", "名称", "条目数"]
    piped = written("--catalogue", str(SHIPPED), "experts", "--lang", "zh", terminal=False)
    english = written("--catalogue", str(SHIPPED), "experts", "--lang", "en", terminal=False)
    # a pipe's header names the fields in either language: a contract for scripts
    assert piped.stdout.splitlines()[0] == english.stdout.splitlines()[0]
    assert piped.stdout.splitlines()[0].split("\t")[:3] == ["id", "name", "name_zh"]


def _shown_fields(stdout: str, labels: set[str]) -> dict[str, str]:
    """The value beside each of `labels` in a record shown on a terminal wide enough for it to
    take one line."""
    fields = {}
    for line in unstyled(stdout).splitlines():
        label, _, value = line.strip().partition(" ")
        if label in labels:
            fields[label] = value.strip()
    return fields


def _in_chinese(*args: str, width: int = 200) -> str:
    """What a command on the shipped catalogue shows on a terminal in Chinese, unstyled."""
    shown = written("--catalogue", str(SHIPPED), *args, "--lang", "zh", width=width)
    assert shown.exit_code == 0, shown.output
    return unstyled(shown.stdout)


def _shown_in_chinese(*args: str) -> str:
    return _in_chinese("show", *args)


# The names below are the shipped catalogue's (data/proposals.toml), written out by hand.
def test_an_item_shown_in_chinese_names_its_kind_expert_themes_and_regions():
    labels = {"编号", "类型", "专家", "主题", "地区", "来源"}
    assert _shown_fields(_shown_in_chinese("zhao-key-projects"), labels) == {
        "编号": "zhao-key-projects",
        "类型": "建议",
        "专家": "赵弘",
        "主题": "科技创新与成果转化",
        "地区": "京津冀, 亦庄, 雄安新区",
        "来源": "jjj-roundtable",  # a source's title is a long one: its id, as in `list`
    }
    finding = _shown_in_chinese("zhao-platform-progress", "--kind", "all")
    assert _shown_fields(finding, labels) == {
        "编号": "zhao-platform-progress",
        "类型": "判断",
        "专家": "赵弘",
        "主题": "“2+4+N”产业转移承接平台, 疏解与产业转移承接",
        "地区": "北京城市副中心, 雄安新区",
        "来源": "jjj-roundtable",
    }


def test_shown_in_chinese_each_chinese_field_comes_before_its_english():
    def labels(stdout: str) -> list[str]:
        """Each field's label: a line's first word after the margin (not a continuation)."""
        lines = unstyled(stdout).splitlines()
        return [line.split()[0] for line in lines if line[:1] == " " and line[1:2].strip()]

    item = labels(_shown_in_chinese("zhao-key-projects"))
    assert item[:9] == [
        "编号",
        "类型",
        "专家",
        "序号",
        "中文标题",
        "标题",
        "中文摘要",
        "摘要",
        "主题",
    ]
    expert = labels(_shown_in_chinese("ye-tanglin"))
    assert expert[:5] == ["编号", "中文名称", "名称", "中文所属机构", "所属机构"]
    assert expert[5:9] == ["中文观点标题", "观点标题", "中文问题", "问题"]  # its appearance
    english = written("--catalogue", str(SHIPPED), "show", "zhao-key-projects", width=200)
    assert labels(english.stdout)[4:8] == ["title", "title_zh", "summary", "summary_zh"]


def test_regions_a_figure_and_a_source_shown_in_chinese_name_regions_and_experts():
    assert _shown_fields(_shown_in_chinese("xiongan"), {"编号", "上级"}) == {
        "编号": "xiongan",
        "上级": "河北",
    }
    assert _shown_fields(_shown_in_chinese("hebei"), {"上级", "下辖地区"}) == {
        "上级": "京津冀",
        "下辖地区": "石家庄, 唐山, 邯郸, 保定, 沧州, 廊坊, 雄安新区",
    }
    source = _shown_in_chinese("jjj-roundtable")
    assert _shown_fields(source, {"专家", "条目数"}) == {
        "专家": "丛屹, 赵弘, 叶堂林",
        "条目数": "建议: 60, 判断: 28",
    }
    figure = _shown_in_chinese("fig-rd-intensity-2019")
    assert _shown_fields(figure, {"专家", "地区", "对比地区"}) == {
        "专家": "叶堂林",
        "地区": "北京",
        "对比地区": "河北",
    }


def test_in_english_and_in_a_pipe_a_shown_item_keeps_its_ids():
    english = written("--catalogue", str(SHIPPED), "show", "zhao-key-projects", width=200)
    assert _shown_fields(english.stdout, {"kind", "expert", "themes", "regions"}) == {
        "kind": "proposal",
        "expert": "zhao-hong",
        "themes": "innovation",
        "regions": "jingjinji, yizhuang, xiongan",
    }
    piped = written(
        "--catalogue", str(SHIPPED), "show", "zhao-key-projects", "--lang", "zh", terminal=False
    )
    fields = dict(line.split("\t", 1) for line in piped.stdout.splitlines()[1:])
    assert (fields["kind"], fields["expert"], fields["regions"]) == (
        "proposal",
        "zhao-hong",
        "jingjinji,yizhuang,xiongan",
    )


def test_tables_in_chinese_name_the_kind_and_the_figures_expert_and_regions():
    listed = _in_chinese("list", "--region", "xiongan", "--kind", "all")
    rows = [line.split() for line in listed.splitlines()[2:]]
    assert [row[:4] for row in rows if row[0].isdigit()] == [
        ["45", "zhao-platform-progress", "赵弘", "判断"],
        ["47", "zhao-transport-park-chains", "赵弘", "建议"],
        ["48", "zhao-key-projects", "赵弘", "建议"],
    ]
    fields = ("--fields", "id,kind,expert,regions")
    chosen = _in_chinese("list", *fields, "--region", "xiongan", "--kind", "all")
    assert [line.strip() for line in chosen.splitlines()[2:]] == [
        "zhao-platform-progress      判断  赵弘  北京城市副中心, 雄安新区",
        "zhao-transport-park-chains  建议  赵弘  北京, 天津, 石家庄, 雄安新区, 唐山, "
        "中关村国家自主创新示范区, 天津滨海新区, 京津冀",
        "zhao-key-projects           建议  赵弘  京津冀, 亦庄, 雄安新区",
    ]
    # at 80 columns the title and its tags have 38 (after 41 of number, id and expert, and a
    # margin): the tags break between names (test_wrap works out where), never inside one
    narrow = _in_chinese("list", "--region", "xiongan", width=80)
    shown = [line.strip() for line in narrow.splitlines()]
    assert shown[4:9] == [
        "产业集群、交通互联、都市圈与产城融合、",
        "强链补链延链、科技创新与成果转化 ·",
        "北京、天津、石家庄、雄安新区、唐山、",
        "中关村国家自主创新示范区、",
        "天津滨海新区、京津冀",
    ]
    figures = _in_chinese("figures")
    row, note = [
        line.split() for line in figures.splitlines() if line.startswith(" fig-rd-intensity-2019")
    ]
    assert note[:5] == ["fig-rd-intensity-2019", "The", "ratio", "is", "as"]  # under the table
    assert row == ["fig-rd-intensity-2019", "叶堂林", "R&D经费投入强度", "6.31", "%", "2019",
                   "北京", "河北", "6"]  # fmt: skip
    piped = written("--catalogue", str(SHIPPED), "figures", "--lang", "zh", terminal=False)
    header, first = piped.stdout.splitlines()[:2]
    fields = dict(zip(header.split("\t"), first.split("\t")))
    assert (fields["expert"], fields["region"], fields["compared_with"]) == (
        "ye-tanglin",
        "beijing",
        "hebei",
    )


def test_related_in_chinese_names_the_expert_and_what_the_items_share():
    def first_row(id: str) -> list[str]:
        # wide enough for every cell on one line: the cells, two spaces or more apart
        shown = _in_chinese("related", id, width=400)
        return re.split(r"\s{2,}", shown.splitlines()[2].strip())

    # ye-innovation-gap, a curated echo: the themes and the region the two share, by name
    assert first_row("cong-beijing-edge-untapped") == [
        "ye-innovation-gap",
        "叶堂林",
        "呼应",
        "创新能力差距大，北京对区域的辐射带动能力有待提升",
        "6.0",
        "人工标注：呼应；共同主题 科技创新与成果转化、协同发展目标与差距；共同地区 北京；"
        "共同词语 京津冀区域、创新能力",
    ]
    # regions one within the other's: each side by its name
    assert first_row("zhao-key-projects")[-1] == (
        "共同主题 科技创新与成果转化；共同地区 亦庄⊂北京、雄安新区⊂河北；共同词语 新能、成果、转化"
    )


@pytest.mark.parametrize(
    "args",
    [["list", "--kind", "all"], ["experts"], ["show", "ye-tanglin"], ["search", "雄安"]],
    ids=joined,
)
def test_json_is_the_same_in_both_languages(args):
    chinese = written("--catalogue", str(SHIPPED), *args, "--json", "--lang", "zh")
    english = written("--catalogue", str(SHIPPED), *args, "--json", "--lang", "en")
    assert chinese.exit_code == english.exit_code == 0
    assert json.loads(chinese.stdout) == json.loads(english.stdout)


def test_the_exit_codes_are_the_same_in_both_languages():
    for args in (["show", "nosuch"], ["list", "--bogus"], ["validate"]):
        codes = {
            lang: runner.invoke(app, ["--catalogue", str(SHIPPED), *args, "--lang", lang]).exit_code
            for lang in ("en", "zh")
        }
        assert codes["en"] == codes["zh"], (args, codes)
    broken = DATA / "broken" / "checksum.toml"
    codes = {
        lang: jjj("validate", "--lang", lang, catalogue=broken).exit_code
        for lang in "en zh".split()
    }
    assert codes == {"en": 1, "zh": 1}


# --- bad input --------------------------------------------------------------------------------


def test_an_unknown_jjj_lang_is_said_in_the_locales_language():
    environ = {**_chinese_environment(), "JJJ_LANG": "fr"}
    shown = subprocess.run(
        [sys.executable, "-m", "jjj_cli", "list"], capture_output=True, text=True, env=environ
    )
    assert shown.returncode == 2
    assert shown.stderr == "错误：JJJ_LANG='fr' 不是 jjj 支持的语言：en 或 zh\n"


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--kind", "all"],
        ["figures"],
        ["related", "zhao-free-trade-port"],
        ["search", "雄安"],
        ["cite", "zhao-free-trade-port", "--format", "bibtex"],
        ["experts"],
    ],
    ids=joined,
)
def test_a_pipe_reads_the_same_under_any_locale(args):
    # what a script reads from a pipe does not change with the machine's locale; only an
    # explicit --lang changes it
    def piped(environ):
        return subprocess.run(
            [sys.executable, "-m", "jjj_cli", "--catalogue", str(SHIPPED), *args],
            capture_output=True,
            text=True,
            env=environ,
        )

    english = piped({**_chinese_environment(), "LANG": "en_US.UTF-8"})
    chinese = piped(_chinese_environment())
    assert english.returncode == chinese.returncode == 0, chinese.stderr
    assert chinese.stdout == english.stdout and chinese.stdout
    # the note on stderr is for a person: in the locale's language
    if english.stderr:
        assert chinese.stderr != english.stderr


def test_an_unknown_jjj_lang_is_a_usage_error_of_one_line():
    environ = {**os.environ, "JJJ_LANG": "fr"}
    shown = subprocess.run(
        [sys.executable, "-m", "jjj_cli", "list"], capture_output=True, text=True, env=environ
    )
    assert shown.returncode == 2
    assert shown.stdout == ""
    assert shown.stderr == "Error: JJJ_LANG='fr' names no language of jjj's: en or zh\n"


@pytest.mark.parametrize(
    "content", [b"", b"not a catalogue of messages", b"\xde\x12\x04\x95" + b"\xff" * 40]
)
def test_damaged_chinese_messages_leave_jjj_speaking_english(tmp_path, monkeypatch, content):
    damaged = tmp_path / "zh" / "LC_MESSAGES" / "jjj.mo"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(content)
    monkeypatch.setattr(language, "LOCALE_DIR", tmp_path)
    shown = written("--catalogue", str(SHIPPED), "experts", "--lang", "zh", width=100)
    assert shown.exit_code == 0, shown.output
    warning, *rest = shown.stderr.splitlines()
    assert warning.startswith("jjj: the messages of jjj's 'zh' language cannot be read (")
    assert warning.endswith("); jjj speaks English instead")
    assert "Traceback" not in shown.stderr and rest == []
    # English headings, the content as asked
    assert unstyled(shown.stdout).split()[:3] == ["id", "name_zh", "name"]


def test_missing_chinese_messages_leave_jjj_speaking_english(tmp_path, monkeypatch):
    monkeypatch.setattr(language, "LOCALE_DIR", tmp_path)  # no zh/ at all
    shown = written("--catalogue", str(SHIPPED), "experts", "--lang", "zh", width=100)
    assert shown.exit_code == 0
    assert "cannot be read" in shown.stderr


def test_every_relation_word_of_the_catalogue_is_said_in_chinese():
    # the command line's tables and the web site both say them from the message catalogue
    from jjj_cli.catalogue.model import REVERSE_RELATION
    from jjj_cli.render.headings import VALUES

    for word in {*REVERSE_RELATION, *REVERSE_RELATION.values()}:
        assert VALUES.get(word) == word, f"{word}: not among the values said in words"
        assert re.fullmatch("[\u4e00-\u9fff]+", zh(word)), word
        assert language.in_language(word, "zh") == zh(word)


def test_the_library_speaks_english_unless_asked():
    language.use("en")
    assert language._("Error: {message}") == "Error: {message}"
    language.use("zh")
    try:
        assert language._("Error: {message}") == zh("Error: {message}") == "错误：{message}"
        assert language.ngettext(
            "{count} finding also matches; --kind all includes it.",
            "{count} findings also match; --kind all includes them.",
            5,
        ) == ("另有 {count} 条判断也符合条件；加上 --kind all 即一并列出。")
    finally:
        language.use("en")


def test_a_chinese_help_leaves_the_next_english_help_as_it_was():
    # one process, as the tests run jjj: what a Chinese run changes of rich's wrapping and of
    # gettext's language is undone by the next English run
    before = written("--help", width=80)
    chinese = written("--lang", "zh", "--help", width=80)
    after = written("--help", width=80)
    assert "浏览和整理" in chinese.stdout
    assert after.stdout == before.stdout and "Browse and curate" in after.stdout


def _every_command_in_chinese(tmp: Path) -> dict[str, list[list[str]]]:
    """Command lines of every command, run in Chinese on a catalogue of their own (the
    curator's change it), keyed by the command they run."""
    mine = tmp / "mine"
    entry = str(mine / "proposals.toml")
    text = tmp / "forum.zh.txt"
    # fictional, as the README's example: a text written for this test
    text.write_text(
        "（以下为虚构的示例文本。）\n江望舒（虚构研究所研究员）：天津港要做强集装箱航线。\n"
    )
    runs = {name: [[name, *args] for args in runs] for name, runs in CHINESE_EXTRA.items()}
    runs["init"] = [["init", str(mine), "--from-shipped"], ["init", str(mine)]]  # then refused
    runs["add"] = [
        [
            "--catalogue",
            entry,
            "add",
            "source",
            str(text),
            "--id",
            "forum",
            "--title",
            "座谈会",
            "--title-en",
            "A forum (fictional)",
            "--kind",
            "roundtable",
        ],
        [
            "--catalogue",
            entry,
            "add",
            "expert",
            "--id",
            "jiang-wangshu",
            "--name",
            "Jiang Wangshu",
            "--name-zh",
            "江望舒",
            "--affiliation",
            "A fictional institute",
            "--affiliation-zh",
            "虚构研究所",
        ],
        [
            "--catalogue",
            entry,
            "add",
            "item",
            "--source",
            "forum",
            "--expert",
            "江望舒",
            "--kind",
            "proposal",
            "--quote",
            "天津港要做强集装箱航线。",
            "--region",
            "天津",
            "--title",
            "Tianjin: container routes",
            "--title-zh",
            "天津港做强集装箱航线",
            "--summary",
            "Container routes (fictional).",
            "--summary-zh",
            "做强集装箱航线。",
        ],
        [
            "--catalogue",
            entry,
            "add",
            "expert",
            "--id",
            "jiang-wangshu",
            "--name",
            "X",
            "--name-zh",
            "某",
            "--affiliation",
            "Y",
            "--affiliation-zh",
            "某",
        ],  # an id in use
    ]
    runs["diff"] = [
        ["--catalogue", entry, "diff", str(SHIPPED)],
        ["diff", str(SHIPPED), str(SHIPPED)],
    ]
    runs["coverage"] = [["--catalogue", entry, "coverage", "forum"], ["coverage"]]
    runs["fmt"] = [["--catalogue", entry, "fmt", "--check"]]
    runs["export"] = [
        ["export", "-o", str(tmp / "out.csv")],
        ["export", "-o", str(tmp / "out.csv")],
    ]
    runs["site"] = [["site", "-o", str(tmp / "site")], ["site", "-o", str(tmp / "site")]]
    runs["schema"] = [["schema", "--bogus"]]
    return runs


# the commands CHINESE_RUNS leaves out, with what they print in Chinese
CHINESE_EXTRA = {"graph": [["--format", "mermaid"]]}


def test_every_command_is_run_in_chinese_somewhere(tmp_path):
    covered = {args[0] for args in CHINESE_RUNS} | set(_every_command_in_chinese(tmp_path))
    assert covered == set(COMMANDS)


def test_the_curators_commands_print_no_english_sentence_of_jjjs_own(tmp_path):
    for name, runs in _every_command_in_chinese(tmp_path).items():
        for args in runs:
            if "--catalogue" not in args and name not in ("init", "diff"):
                args = ["--catalogue", str(SHIPPED), *args]
            shown = written(*args, "--lang", "zh", width=100)
            assert shown.exit_code in (0, 1, 2), (args, shown.output)
            said = unstyled(shown.stderr if name in ("export", "schema") else shown.output)
            assert not _english_of_jjjs_own(said), (args, _english_of_jjjs_own(said))
            assert "Traceback" not in shown.output
