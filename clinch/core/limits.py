"""How much of each kind of user text Clinch keeps and reads, stated once.

The models, the forms, the interview file reader and the engine all take their
limits from here, so they agree, and docs/security.md quotes them. Each limit is
far above what a person writes (a thank-you note runs to about 150 words, what
an interviewer says of next steps to a sentence or two, a pasted recruiter email
to a couple of thousand characters); they exist so that no single request can
make a process work, or hold memory, without end.

Pure: no Django. ``cut`` is the one way the engine shortens what it reads.
"""

from __future__ import annotations

# -- what is stored (characters) ----------------------------------------------------------------
NAME_CHARS = 200  # a person's name, a title, a company, a role
SUBJECT_CHARS = 300  # a note's subject line
NEXT_STEP_CHARS = 4_000  # what they said about next steps: a sentence, or a pasted email
TOPIC_CHARS = 500  # one topic discussed with one interviewer
TOPICS_PER_PERSON = 20
INTERVIEWERS = 12  # people in one interview
NOTE_BODY_CHARS = 20_000  # a follow-up's body: several times the longest email anyone should send
NOTES_CHARS = 20_000  # the user's own notes on an interview, an opportunity or a contact
SIGNATURE_CHARS = 1_000
POSTAL_ADDRESS_CHARS = 1_000
ARTICLE_SUMMARY_CHARS = 2_000
URL_CHARS = 1_000
TITLE_CHARS = 300  # an article's title
PASSWORD_CHARS = 1_000  # a mail account's password (an app password is 16 to 64)
REPLY_BODY_CHARS = 100_000  # the text kept of a reply that arrives by mail
CONSULT_MESSAGE_CHARS = 5_000  # the public consultation form's "how can we help?" and staff notes
INTERVIEW_FILE_BYTES = 100_000  # an interview file (YAML) for the command line: a page or two is usual

# -- what the engine reads (characters) ----------------------------------------------------------
# Past these the engine reads only the beginning. The stored limits keep web input within them;
# the command line takes any text, so the engine cuts it itself.
READ_DATE_CHARS = NEXT_STEP_CHARS
CHECK_CHARS = NOTE_BODY_CHARS

# -- dates --------------------------------------------------------------------------------------
FIRST_YEAR, LAST_YEAR = 1970, 2200  # an interview (or a decision) outside these years is a typo
DECISION_HORIZON_DAYS = 10 * 366  # a decision further off than this is no hiring decision


def cut(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, ended at a space or line break so that no
    word is halved ("Friday" cut to "Fri" would read as a short weekday); ``text`` itself when
    it is short enough. A single word longer than the limit is cut at the limit."""
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    return text[:space] if space > 0 else text[:limit]


def plausible_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR
