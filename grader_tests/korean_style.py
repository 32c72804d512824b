"""The classes of Korean defect a program can see, as a publisher's technical editor marks them
(issue 30): each check takes one Korean text and returns what it found, so the same checks run
over the catalogue, the notebook's Korean parts and the glossary (grader_tests/unit/test_korean_style.py)
and can be shown to fail on the texts the review graded.

The checks live by concern: korean_sentences.py (sentences and register), korean_code_font.py (code
in prose), korean_text.py (the texts, their prose, the glossary's table, titles); this module names
them (CHECKS) and runs one over a set of texts (findings).

What a program cannot see (meaning, a sentence without its predicate, a colon that runs on) is
left to review; kata/i18n/locales/GLOSSARY.md says how to write it.
"""

from __future__ import annotations

from collections.abc import Callable

from grader_tests.korean_code_font import (
    CODE_NAME_IN_KOREAN,
    ENGLISH_TYPE_NAME,
    arrows,
    bare_code,
    bare_command,
    bare_error_text,
    code_as_sentence,
    descriptive_prohibition,
    device_string_in_prose,
    double_colon,
    empty_value_particle,
    english_words,
    glued_aside,
    imperative_in_brackets,
    particle_after_code,
    repeated_value,
    spaced_hada,
)
from grader_tests.korean_sentences import (
    aside_after_connective,
    aside_in_title,
    bracket_after_period,
    copula_after_true,
    demonstrative_twice,
    doubled_period,
    expected_misused,
    first_person,
    item_without_predicate,
    list_out_of_order,
    memo_register,
    missing_period,
    plural_thing,
    reason_over_clauses,
    register,
    run_on_colon,
    said_twice,
    semicolon,
    stacked_sentence,
    statement_among_requests,
    subjectless,
    translationese,
    vaguer_than_sibling,
    zero_based_count,
)
from grader_tests.korean_text import comma_only_list, is_title, off_glossary, tangled_list

CHECKS: dict[str, Callable[[str, str], list[str]]] = {
    "-들 on a thing": lambda where, text: plural_thing(text),
    "one 때문입니다 over three clauses": lambda where, text: reason_over_clauses(text),
    "Python in a sentence without code font": lambda where, text: bare_code(text),
    "one thing said twice": lambda where, text: said_twice(text),
    "a command in prose without backticks": lambda where, text: bare_command(text),
    "a particle that does not fit the code before it": lambda where, text: particle_after_code(text),
    "a particle right after an empty container": lambda where, text: empty_value_particle(text),
    "an aside glued to a call's bracket": lambda where, text: glued_aside(text),
    "code alone as a sentence": lambda where, text: code_as_sentence(text),
    "an imperative inside brackets": lambda where, text: imperative_in_brackets(text),
    "two colons in one line": lambda where, text: double_colon(text),
    "a value said twice in one phrase": lambda where, text: repeated_value(text),
    "쓰지 않습니다 among imperatives": lambda where, text: descriptive_prohibition(text),
    "a statement among -세요 requests": lambda where, text: statement_among_requests(text),
    "내 in a sentence": lambda where, text: first_person(text),
    "정답 anywhere": lambda where, text: expected_misused(text),
    "a cause or rule without its subject": subjectless,
    "translationese": lambda where, text: translationese(text),
    "하다 spaced after a Latin word": lambda where, text: spaced_hada(text),
    "an arrow other than ->": lambda where, text: arrows(text),
    "a sentence without its final period": lambda where, text: missing_period(where, text, title=is_title(where)),
    "a period on both sides of an aside": lambda where, text: doubled_period(text),
    "a bracket after a final period": lambda where, text: bracket_after_period(text),
    "a list joined by 나 before its last item": lambda where, text: list_out_of_order(text),
    "a colon that runs on into another sentence": lambda where, text: run_on_colon(text),
    "English words in Korean text": lambda where, text: english_words(text),
    "a word the glossary replaces": lambda where, text: off_glossary(text),
    "해요체 among 합니다체": lambda where, text: register(text),
    "a zero-based step read as a count": lambda where, text: zero_based_count(text),
    "True이면 beside True면": lambda where, text: copula_after_true(text),
    "a semicolon in Korean prose": lambda where, text: semicolon(text),
    "an aside in brackets inside a test title": aside_in_title,
    "an aside after a connective ending": lambda where, text: aside_after_connective(text),
    "a list item that is a noun phrase": lambda where, text: item_without_predicate(text),
    "a type's name left in English": lambda where, text: ENGLISH_TYPE_NAME.findall(text),
    "Hangul inside a code name": lambda where, text: CODE_NAME_IN_KOREAN.findall(text),
    "a device string outside code font": device_string_in_prose,
    "a memo's ending among 합니다체": memo_register,
    "English error text outside code font": lambda where, text: bare_error_text(text),
    "a list of three closed by a comma only": lambda where, text: comma_only_list(text),
    "a list whose 와 joins a clause or another 와": lambda where, text: tangled_list(text),
    "a sentence whose subject or means the reader must untangle": lambda where, text: stacked_sentence(text),
    "a title or help row vaguer than its sibling": vaguer_than_sibling,
    "one demonstrative with two referents in a sentence": lambda where, text: demonstrative_twice(text),
}


def findings(texts: dict[str, str], check: str) -> list[str]:
    return [f"{where}: {found}" for where, text in texts.items() for found in CHECKS[check](where, text)]
