"""Line wrapping of the brief's texts (``experiments.brief.texts.wrap_by``): its galloping
search for the break gives the lines of the plain rule, a token at a time."""

from hypothesis import given, settings
from hypothesis import strategies as st

from vcsim.experiments.brief.texts import (_NO_LINE_END, _NO_LINE_START, _tokens, display_width,
                                           wrap, wrap_by)


def token_by_token(text: str, fits) -> list[str]:
    """The rule as first written: take each token while the line still fits."""
    lines = []
    for para in text.split("\n"):
        line = ""
        for tok in _tokens(para):
            if tok == " " and not line:
                continue
            if line and tok != " " and tok[0] not in _NO_LINE_START and not fits(line + tok):
                carry = ""
                while line and line[-1] in _NO_LINE_END:
                    carry = line[-1] + carry
                    line = line[:-1]
                lines.append(line.rstrip())
                line = carry + tok
            else:
                line += tok
        lines.append(line.rstrip())
    return lines


PIECES = list("村镇收入元年，。、（）「」“”%,.;:()!? abcXYZ0123456789") + ["2021年", "56.7万元", " ", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=90).map("".join), st.integers(1, 60))
def test_the_search_gives_the_lines_of_the_token_by_token_rule(text, width):
    def fits(line):
        return display_width(line) <= width

    assert wrap_by(text, fits) == token_by_token(text, fits)


def test_numbers_keep_their_units_and_punctuation_stays_attached():
    assert wrap("2021年底空白村还有12个村，比上年少。", 12) == ["2021年底空白", "村还有12个村，", "比上年少。"]
    assert wrap("（说明）收入", 4) == ["（说", "明）", "收入"]
    assert wrap("", 10) == [""]
