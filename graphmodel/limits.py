"""The limits of what a request may ask, declared once.

The analysis and the records check them; the service's parameter parsing, its
OpenAPI document and its forms (``limits`` in every template) read them from
here, so that a page, the API's description and the check never disagree.

>>> MIN_MONTHS <= DEFAULT_MONTHS <= MAX_MONTHS
True
"""

from __future__ import annotations

#: The shortest window, in months.
MIN_MONTHS = 1
#: The longest window a request may ask for (ten years).
MAX_MONTHS = 120
#: The window a request gets when it names no length.
DEFAULT_MONTHS = 12

#: The most partners one suggestion request may ask for (``k``).
MAX_K = 100
#: The partners a suggestion request gets when it names no ``k``.
DEFAULT_K = 10

#: The longest note a planner may attach to a decision, and the longest detail of a
#: need or offer.
NOTE_MAX = 500
#: The longest name of who follows an accepted decision up (the form and the API).
OWNER_MAX = 60
#: The longest "what" of a need or offer (医疗, 师资 …).
LISTING_WHAT_MAX = 40
