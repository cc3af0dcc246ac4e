"""The catalogue's problems and the curator's messages in Chinese (`--lang zh`): the same file,
line, record and field as in English, said in Chinese. The Chinese expected here is written by
hand, as a reader of the English message would translate it with the words of the .po's
glossary; the English of every case is tests/data/broken/NAME.expected."""

import errno
import json
import re
import shutil
from pathlib import Path

import pytest

from jjj_cli import language
from jjj_cli.catalogue.reasons import system_reason
from jjj_cli.cli import app
from jjj_cli.curate.fmt import FormatError, format_file

from .invoke import Written, jjj, runner, unstyled, written
from .paths import DATA, MINI

BROKEN = DATA / "broken"
CASES = sorted(path.stem for path in BROKEN.glob("*.expected"))
HAN = re.compile(r"[\u4e00-\u9fff]")
# Where a problem is: `file`, `file:line` or `file:line:column`, then ": "
PLACE = re.compile(r"\S+?(?::\d+)*: ")
# What it is about, when a field is named: `… record field 'name': ` (字段 in Chinese)
SUBJECT = re.compile(r".*? field '[^']*': ")


@pytest.fixture
def in_broken(monkeypatch):
    monkeypatch.chdir(BROKEN)


def english(name: str) -> list[str]:
    return (BROKEN / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def validate_zh(name: str) -> list[str]:
    result = runner.invoke(app, ["validate", f"{name}.toml", "--lang", "zh"])
    assert (result.exit_code, result.stderr) == (1, ""), result.output
    return result.stdout.splitlines()


def test_validate_in_chinese_names_each_unknown_reference_and_suggests_the_id_meant(in_broken):
    file = "unknown-references.toml"
    assert validate_zh("unknown-references") == [
        f"{file}:43: regions[1] 'hebei' 字段 'also_within': 未知的地区 'beijng'",
        f"{file}:48: proposals[0] 'wang-clusters' 字段 'expert': "
        "未知的专家 'wang-mign'（您是否要找 'wang-ming'？）",
        f"{file}:54: proposals[0] 'wang-clusters' 字段 'themes': "
        "未知的主题 'cluster'（您是否要找 'clusters'？）",
        f"{file}:54: proposals[0] 'wang-clusters' 字段 'themes': "
        "未知的主题 'industrial-clusters'（您是否要找 'clusters'？）",
        f"{file}:55: proposals[0] 'wang-clusters' 字段 'regions': 未知的地区 'xiongan'",
        f"{file}:57: proposals[0] 'wang-clusters' 字段 'related': 未知的条目 'zhang-chain-gap'",
        f"{file}:68: figures[0] 'wang-rd' 字段 'region': 未知的地区 'beijing'",
        f"{file}:69: figures[0] 'wang-rd' 字段 'compared_with': "
        "未知的地区 'hebie'（您是否要找 'hebei'？）",
        f"{file} 中有 8 个问题",
    ]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("missing-fields", "missing-fields.toml:11: proposals[0] 字段 'quote': 缺失"),
        (
            "wrong-types",
            "wrong-types.toml:54: proposals[0] 字段 'seq': 应为正整数，实际值：数字 0",
        ),
        (
            "wrong-types",
            "wrong-types.toml:51: proposals[0] 字段 'id': "
            "'Wang Clusters' 不是编号（编号由小写字母、数字和 '-' 组成）",
        ),
        (
            "duplicate-ids",
            "duplicate-ids.toml:17: experts[1] 'forum' 字段 'id': "
            "编号重复，已被 sources[0] 'forum' 使用",
        ),
        (
            "ambiguous-names",
            "ambiguous-names.toml:22: experts[1] 'li-hua' 字段 'name_zh': "
            "名称 '王明' 已被专家 'wang-ming' 使用",
        ),
        (
            "quote-overlap",
            "quote-overlap.toml:68: proposals[1] 'wang-manufacturing' 字段 'quote': "
            "位于 proposals[0] 'wang-clusters' 的原文（第 55 行）之内",
        ),
        (
            "region-cycle",
            "region-cycle.toml:14: regions[0] 'hebei' 字段 'parent': "
            "地区是其自身的上级（parent 链接构成了循环）",
        ),
        (
            "unknown-fields",
            "unknown-fields.toml:41: 未知的表 'figure'（您是否要找 'figures'？）",
        ),
        (
            "source-missing",
            "source-missing.toml:5: source 'forum' 字段 'file': 无法读取 sources/absent.zh.txt："
            "没有这个文件或文件夹（'file' 是相对于目录文件的路径）",
        ),
        # the TOML parser's reason too, where jjj knows its words
        ("not-toml", "not-toml.toml:2:7: TOML 语法错误：键值对中的键之后应为 '='"),
        ("syntax-error", "syntax-error.toml:8:15: TOML 语法错误：非法字符 '\\n'"),
        ("duplicate-key", "duplicate-key.toml:8:16: TOML 语法错误：不能覆盖已有的值"),
        (
            "unclosed-array",
            "unclosed-array.toml:27:8: "
            "TOML 语法错误：无效的值，在文件末尾（是否有 ]、} 或引号未闭合？）",
        ),
        ("absent", "absent.toml: 找不到目录文件"),
        ("directory", "directory.toml: 是文件夹，不是目录文件"),
        ("utf16", "utf16.toml: UTF-16 文本：请将文件另存为 UTF-8"),
        ("not-utf8", "not-utf8.toml:3:13: 不是 UTF-8 文本（字节 0xe9）"),
        ("deep-key", "deep-key.toml:3:1: 点分键超过 32 段"),
    ],
)
def test_validate_in_chinese_says_what_is_wrong_in_chinese(in_broken, name, line):
    assert line in validate_zh(name)


@pytest.mark.parametrize("name", CASES)
def test_every_problem_is_said_in_chinese_at_the_place_english_names(in_broken, name):
    chinese, problems = validate_zh(name), english(name)
    assert len(chinese) == len(problems)
    for zh, en in zip(chinese[:-1], problems[:-1]):
        place = PLACE.match(en)
        assert place is not None and zh.startswith(place.group()), (zh, en)
        subject = SUBJECT.match(en)
        said = place.group()
        if subject:  # the record and field as in English, the field 字段
            said = subject.group().replace(" field '", " 字段 '")
            assert zh.startswith(said), (zh, en)
        message = zh[len(said) :]
        assert HAN.search(message) and message != en[len(subject.group() if subject else said) :]
    count, file = re.fullmatch(r"(\d+) problems? in (.+)", problems[-1]).groups()
    assert chinese[-1] == f"{file} 中有 {count} 个问题"


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOENT, "No such file or directory"), "没有这个文件或文件夹"),
        (OSError(errno.EACCES, "Permission denied"), "没有权限"),
        # a system that words it otherwise, or a reason jjj does not know: as the system says
        (OSError(errno.ENOENT, "The system cannot find the file specified"), None),
        (OSError(errno.EIO, "Input/output error"), None),
    ],
)
def test_the_systems_reason_is_translated_where_jjj_knows_its_words(error, said):
    language.use("zh")  # the fixture english_unless_asked puts English back
    assert system_reason(error) == (said or error.strerror)


def test_json_is_the_same_in_both_languages_its_messages_too(in_broken):
    runs = [
        runner.invoke(app, ["validate", "missing-fields.toml", "--json", *lang])
        for lang in ([], ["--lang", "zh"])
    ]
    (en, zh) = [json.loads(run.stdout) for run in runs]
    assert [run.exit_code for run in runs] == [1, 1]
    assert zh == en
    assert {each["message"] for each in zh} == {"missing"}
    # and the run goes on in Chinese
    assert validate_zh("missing-fields")[-1] == "missing-fields.toml 中有 12 个问题"


def test_another_command_shows_the_first_five_in_chinese_and_where_the_rest_are(in_broken):
    result = runner.invoke(app, ["--catalogue", "unknown-references.toml", "list", "--lang", "zh"])
    file = "unknown-references.toml"
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{file}:43: regions[1] 'hebei' 字段 'also_within': 未知的地区 'beijng'",
        f"{file}:48: proposals[0] 'wang-clusters' 字段 'expert': "
        "未知的专家 'wang-mign'（您是否要找 'wang-ming'？）",
        f"{file}:54: proposals[0] 'wang-clusters' 字段 'themes': "
        "未知的主题 'cluster'（您是否要找 'clusters'？）",
        f"{file}:54: proposals[0] 'wang-clusters' 字段 'themes': "
        "未知的主题 'industrial-clusters'（您是否要找 'clusters'？）",
        f"{file}:55: proposals[0] 'wang-clusters' 字段 'regions': 未知的地区 'xiongan'",
        f"……还有 3 个问题；运行 `jjj validate {file}` 查看全部",
    ]


def test_a_catalogue_with_no_problems_says_so_in_chinese(monkeypatch):
    monkeypatch.chdir(MINI.parent)
    result = runner.invoke(app, ["validate", MINI.name, "--lang", "zh"])
    assert (result.exit_code, result.stdout) == (
        0,
        "mini.toml：没有问题：10 个条目、2 项数据、6 个主题、6 个地区；"
        "12 条原文已在 sources/mini.zh.txt 中找到\n",
    )


# -- the curator's commands ------------------------------------------------------------------


@pytest.fixture
def mini_dir(tmp_path: Path, monkeypatch) -> Path:
    """A copy of tests/data/mini.toml and its source text, the working directory."""
    shutil.copy(MINI, tmp_path / "mini.toml")
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    return tmp_path


EXPERT = ["--name", "Zhou Ping", "--name-zh", "周平", "--affiliation", "Researcher"]
EXPERT += ["--affiliation-zh", "研究员"]


def test_an_id_in_use_is_refused_in_chinese_and_nothing_is_written(mini_dir):
    before = (mini_dir / "mini.toml").read_bytes()
    result = jjj(
        "add", "expert", "--id", "wang-ming", *EXPERT, "--lang", "zh", catalogue="mini.toml"
    )
    assert result.exit_code == 2, result.output
    assert result.stderr == "错误：编号 'wang-ming' 已被专家使用；未写入任何内容\n"
    assert (mini_dir / "mini.toml").read_bytes() == before


def test_a_name_in_use_is_refused_in_chinese(mini_dir):
    result = jjj(
        "add", "expert", "--id", "zhou-ping", "--name", "Wang Ming", *EXPERT[2:],
        "--lang", "zh", catalogue="mini.toml",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.stderr == "错误：name 'Wang Ming' 已被专家 'wang-ming' 使用；未写入任何内容\n"


def test_an_expert_added_is_reported_in_chinese(mini_dir):
    result = jjj(
        "add", "expert", "--id", "zhou-ping", *EXPERT, "--lang", "zh", catalogue="mini.toml"
    )
    assert (result.exit_code, result.stdout) == (
        0,
        "已添加专家 'zhou-ping'：Zhou Ping（周平）\n已修改：mini.toml\n",
    )


def test_a_quote_of_punctuation_alone_is_refused_in_chinese(mini_dir):
    result = jjj(
        "add", "item", "--source", "mini-forum", "--expert", "wang-ming", "--quote", "。，",
        "--kind", "proposal", "--theme", "clusters", "--region", "hebei",
        "--title", "A fictional title", "--title-zh", "虚构标题",
        "--summary", "A fictional summary.", "--summary-zh", "虚构摘要。",
        "--lang", "zh", catalogue="mini.toml",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.stderr == "错误：原文 '。，' 只有标点，没有文字；未写入任何内容\n"


def test_fmt_check_sums_up_in_chinese(mini_dir):
    before = (mini_dir / "mini.toml").read_bytes()
    result = written("--catalogue", "mini.toml", "fmt", "--check", "--lang", "zh")
    assert result.exit_code == 1, result.output
    assert result.stderr == "1 个目录文件中有 1 个需要重新格式化；`jjj fmt` 会改写它们。\n"
    assert (mini_dir / "mini.toml").read_bytes() == before


def test_fmt_says_in_chinese_why_it_cannot_format_a_text():
    language.use("zh")  # the fixture english_unless_asked puts English back
    with pytest.raises(FormatError) as raised:
        format_file("values = [[1, # 虚构的注释\n  2]]\n")
    assert str(raised.value) == "无法保留嵌套值中的注释 '# 虚构的注释'"


# -- diff and coverage -----------------------------------------------------------------------


def test_diff_on_a_terminal_names_kinds_and_fields_in_chinese(monkeypatch):
    monkeypatch.chdir(DATA / "diff")
    result = written(
        "--catalogue", "new/proposals.toml", "diff", "old/proposals.toml", "--lang", "zh"
    )
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in unstyled(result.stdout).splitlines()]
    assert lines[2:4] == [" + 来源 mini-interview", "     王明访谈（测试）"]
    start = lines.index(" ~ 专家 wang-ming: 备注、发言")
    assert lines[start + 1 : start + 4] == [
        "     备注",
        "       − A fictional speaker.",
        "       + （无）",
    ]
    assert " − 主题 transport" in lines
    assert lines[-1] == " 共新增 5 条，删除 2 条，修改 5 条。"


def test_no_differences_in_chinese():
    result = written("--catalogue", str(MINI), "diff", str(MINI), "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert unstyled(result.stdout).splitlines()[-1].strip() == "没有差异。"


def test_coverage_sums_up_each_status_in_chinese():
    fiction = DATA / "coverage" / "coverage.toml"
    result: Written = written(
        "--catalogue", str(fiction), "coverage", "fiction-forum", "--lang", "zh", terminal=False
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "fiction-forum 共 11 句：已覆盖 2 句，导语 1 句，观点标题 1 句，问题 2 句，"
        "名称 2 句，未覆盖 3 句\n"
    )
    assert result.stdout.splitlines()[0] == "line\tstatus\titems\ttext"  # TSV as in English


def test_a_heading_is_translated_only_when_it_names_a_field():
    from jjj_cli.render.headings import heading

    language.use("zh")
    assert heading("theme") == "主题"
    assert heading("id") == "编号"
    # words jjj translates elsewhere (无, 缺失, 条目) that head no field stay as they are: a
    # column may be headed by a catalogue's value that happens to be one
    assert [heading(word) for word in ("none", "missing", "item")] == ["none", "missing", "item"]
